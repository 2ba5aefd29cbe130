import type { Db } from '../../src/db/client.js';
import type { CommandDef } from '../../src/handler.js';
import type { Logger } from '../../src/log.js';

/** What the Telegram adapter is started with (index.ts builds most of it from the configuration). */
export interface TelegramOptions {
  token: string;
  /** Bot API server; default the public one. A self-hosted server or the test fake otherwise. */
  apiRoot?: string | undefined;
  /** Webhook mode (for several instances); without it the bot long-polls. */
  webhook?: { url: string; secret?: string | undefined } | undefined;
  /** Known username (saves nothing but a log line; getMe is still asked). */
  botUsername?: string | undefined;
  db: Db;
  log: Logger;
  /** The bot's commands, for the command menus (setMyCommands). */
  commands?: CommandDef[];
  /** Webhook: how long an answer waits for the update's handling before it says 503 (default 20 s). */
  webhookAnswerWithinMs?: number;
  /**
   * Updates handled at once, over all chats (default 8); one chat's updates always one after another.
   * Below the database pool (10 connections), so that fetching updates and the outbox always find one;
   * on 2 cores more would only wait. Updates beyond it wait in memory and in the inbox table, and their
   * button presses are answered at once.
   */
  maxConcurrentHandlers?: number;
  now?: () => Date;
}
