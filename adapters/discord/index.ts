import type { Config } from '../../src/config.js';
import { DiscordPlatform, type DiscordOptions } from './platform.js';

export { DiscordPlatform, type DiscordOptions } from './platform.js';

/** The Discord adapter (src/platforms.ts calls this when DISCORD_TOKEN and DISCORD_APPLICATION_ID are set). */
export function createDiscordPlatform(opts: DiscordOptions): DiscordPlatform {
  return new DiscordPlatform(opts);
}

/** "0,1/4" → shards 0 and 1 of 4 (this process); empty: Discord's recommendation, all in this process. */
export function parseShards(value: string | undefined): DiscordOptions['shards'] {
  const m = /^\s*(\d+(?:\s*,\s*\d+)*)\s*\/\s*(\d+)\s*$/.exec(value ?? '');
  if (!m) return undefined;
  const count = Number(m[2]);
  const ids = m[1]!.split(',').map((s) => Number(s.trim())).filter((id) => id < count);
  return ids.length > 0 ? { ids, count } : undefined;
}

export function discordOptionsFromConfig(config: Config): Pick<DiscordOptions, 'token' | 'applicationId' | 'apiRoot' | 'messageContent' | 'guildMembers' | 'nativePolls' | 'globalCommands' | 'shards' | 'openLinks'> | null {
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) return null;
  return {
    token: config.DISCORD_TOKEN, applicationId: config.DISCORD_APPLICATION_ID, apiRoot: config.DISCORD_API_ROOT,
    messageContent: config.DISCORD_MESSAGE_CONTENT ?? false, guildMembers: config.DISCORD_GUILD_MEMBERS ?? false, nativePolls: config.DISCORD_NATIVE_POLLS ?? true,
    globalCommands: config.DISCORD_GLOBAL_COMMANDS ?? false, shards: parseShards(config.DISCORD_SHARDS),
    // Deep links need Discord's sign-in to come back to this server.
    openLinks: config.DISCORD_CLIENT_SECRET && config.PUBLIC_URL ? { clientSecret: config.DISCORD_CLIENT_SECRET, publicUrl: config.PUBLIC_URL } : undefined,
  };
}
