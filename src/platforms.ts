import { createTelegramPlatform, telegramOptionsFromConfig } from '../adapters/telegram/index.js';
import { capabilities } from './capabilities.js';
import { createCompleter } from './bot/complete.js';
import type { Config } from './config.js';
import type { CommandDef } from './handler.js';
import type { Database } from './db/client.js';
import type { HttpServer } from './http/server.js';
import type { Logger } from './log.js';
import type { ChatPlatform } from './platform.js';

/** What an adapter gets to build itself. It may mount HTTP routes (a webhook) before the server listens. */
export interface PlatformDeps {
  config: Config;
  log: Logger;
  database: Database;
  http: HttpServer;
  /** Every command the bot knows (for platform command menus). */
  commands: CommandDef[];
}

export type PlatformFactory = (deps: PlatformDeps) => ChatPlatform | Promise<ChatPlatform>;

/** The remote chat platforms and the variable that switches each on. */
export const REMOTE_PLATFORMS = [
  { name: 'telegram', variable: 'TELEGRAM_BOT_TOKEN' },
  { name: 'discord', variable: 'DISCORD_TOKEN' },
] as const;

export type RemotePlatformName = (typeof REMOTE_PLATFORMS)[number]['name'];

/**
 * The adapters in this build. Adding one is one import and one line, e.g.
 *   telegram: (deps) => createTelegramPlatform(deps),
 * A token for a platform without an entry here stops start-up with an error.
 */
export const platformFactories: Partial<Record<RemotePlatformName, PlatformFactory>> = {
  telegram: ({ config, log, database, http, commands }) => {
    const options = telegramOptionsFromConfig(config);
    if (!options) throw new Error('TELEGRAM_BOT_TOKEN is not set');
    const telegram = createTelegramPlatform({ ...options, db: database.db, log, commands });
    // Answers 503 until the adapter has started, so an early Telegram post is redelivered, not lost.
    if (telegram.webhookPath) http.registerRoute('POST', telegram.webhookPath, telegram.webhookHandler);
    return telegram;
  },
  discord: async ({ config, log, database, http, commands }) => {
    // Loaded only when configured: discord.js is large, and a console or Telegram start need not wait for it.
    const { createDiscordPlatform, discordOptionsFromConfig } = await import('../adapters/discord/index.js');
    const options = discordOptionsFromConfig(config);
    if (!options) throw new Error('DISCORD_TOKEN and DISCORD_APPLICATION_ID must both be set');
    const discord = createDiscordPlatform({ ...options, db: database.db, log, commands, complete: createCompleter(database.db, capabilities) });
    const open = discord.openRoute();
    if (open) http.registerRoute('GET', open.path, open.handler);
    return discord;
  },
};

/** The remote platforms the configuration asks for (their token is set). */
export function requestedPlatforms(config: Config): (typeof REMOTE_PLATFORMS)[number][] {
  return REMOTE_PLATFORMS.filter((p) => Boolean(config[p.variable]));
}
