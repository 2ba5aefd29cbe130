import { PlatformError } from '../../src/platform.js';

interface TelegramErrorLike {
  response?: { error_code?: number; description?: string; parameters?: { retry_after?: number; migrate_to_chat_id?: number } };
}

function telegramResponse(err: unknown): TelegramErrorLike['response'] | undefined {
  if (typeof err !== 'object' || err === null || !('response' in err)) return undefined;
  const response = (err as TelegramErrorLike).response;
  return typeof response?.error_code === 'number' ? response : undefined;
}

/** The group became a supergroup: Telegram says where it went. */
export function migratedTo(err: unknown): string | undefined {
  const to = telegramResponse(err)?.parameters?.migrate_to_chat_id;
  return to === undefined ? undefined : String(to);
}

export function isNotModified(err: unknown): boolean {
  return /message is not modified/i.test(telegramResponse(err)?.description ?? '');
}

/**
 * Maps a Bot API failure to what the outbox can act on. The adapter never retries itself:
 * 429 → rate_limited (with Telegram's retry_after), 5xx and network failures → transient,
 * other 4xx (blocked, chat gone, bad request) → permanent.
 */
export function toPlatformError(err: unknown, method: string): PlatformError {
  if (err instanceof PlatformError) return err;
  const response = telegramResponse(err);
  if (!response) {
    const text = err instanceof Error ? err.message : String(err);
    return new PlatformError(`telegram ${method}: ${text}`, 'transient');
  }
  const code = response.error_code ?? 0;
  const text = `telegram ${method}: ${code} ${response.description ?? ''}`.trim();
  if (code === 429) return new PlatformError(text, 'rate_limited', Math.max(1, response.parameters?.retry_after ?? 1) * 1000);
  if (code >= 500) return new PlatformError(text, 'transient');
  return new PlatformError(text, 'permanent');
}
