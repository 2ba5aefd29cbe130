import type { Completer } from '../../src/bot/complete.js';
import type { Db } from '../../src/db/client.js';
import type { CommandDef } from '../../src/handler.js';
import type { Logger } from '../../src/log.js';

export interface DiscordOptions {
  token: string;
  applicationId: string;
  /** REST root, e.g. http://localhost:8080/api (the gateway URL comes from its GET /gateway/bot). */
  apiRoot?: string | undefined;
  db: Db;
  log: Logger;
  commands: CommandDef[];
  /** Task and item names for autocomplete. */
  complete?: Completer | undefined;
  /** The privileged MessageContent intent is enabled for the application: read all channel messages. */
  messageContent?: boolean | undefined;
  /** The privileged GuildMembers intent is enabled: members joining and leaving servers are seen (members.ts). */
  guildMembers?: boolean | undefined;
  /** Native polls (the poll intents); false: the core posts button polls. */
  nativePolls?: boolean | undefined;
  /** Register slash commands globally as well as per server. */
  globalCommands?: boolean | undefined;
  /** Shards this process runs, and the total (discord.js `shards`/`shardCount`); default: Discord's recommendation. */
  shards?: { ids: number[]; count: number } | undefined;
  /** OAuth2 client secret and public URL: deep links that open the bot's DM (open-link.ts). */
  openLinks?: { clientSecret: string; publicUrl: string } | undefined;
  now?: () => Date;
}
