import { TelegramPlatform, type TelegramOptions } from './platform.js';

export { TelegramPlatform, type TelegramOptions } from './platform.js';
export { ALLOWED_UPDATES, mapUpdate } from './inbound.js';
export { derivedWebhookSecret, SECRET_HEADER } from './webhook.js';

/** The Telegram adapter (main.ts calls this when TELEGRAM_BOT_TOKEN is set). */
export function createTelegramPlatform(opts: TelegramOptions): TelegramPlatform {
  return new TelegramPlatform(opts);
}
