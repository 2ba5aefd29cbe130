import type { Config } from '../../src/config.js';
import { TelegramPlatform, type TelegramOptions } from './platform.js';

export { TelegramPlatform, type TelegramOptions } from './platform.js';
export { ALLOWED_UPDATES, mapUpdate } from './inbound.js';
export { derivedWebhookSecret, SECRET_HEADER } from './webhook.js';

/** The Telegram adapter (main.ts calls this when TELEGRAM_BOT_TOKEN is set). */
export function createTelegramPlatform(opts: TelegramOptions): TelegramPlatform {
  return new TelegramPlatform(opts);
}

/** The adapter's options from the environment: token, API root, webhook URL and secret (polling without a URL). */
export function telegramOptionsFromConfig(config: Config): Pick<TelegramOptions, 'token' | 'apiRoot' | 'webhook'> | null {
  if (!config.TELEGRAM_BOT_TOKEN) return null;
  return {
    token: config.TELEGRAM_BOT_TOKEN,
    apiRoot: config.TELEGRAM_API_ROOT,
    webhook: config.TELEGRAM_WEBHOOK_URL ? { url: config.TELEGRAM_WEBHOOK_URL, secret: config.TELEGRAM_WEBHOOK_SECRET } : undefined,
  };
}
