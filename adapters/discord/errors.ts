import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { PlatformError } from '../../src/platform.js';

/** Interaction token expired or unknown: answer in the channel instead. */
export function isExpiredInteraction(err: unknown): boolean {
  return err instanceof DiscordAPIError && [10015, 10062, 50027].includes(Number(err.code));
}

/**
 * Maps a discord.js REST failure to what the outbox can act on; the adapter never retries sends
 * itself. A 429 (surfaced by `rejectOnRateLimit`) → rate_limited with its retry-after, 5xx and
 * network failures → transient, other 4xx → permanent.
 */
export function toPlatformError(err: unknown, what: string): PlatformError {
  if (err instanceof PlatformError) return err;
  if (err instanceof RateLimitError) {
    return new PlatformError(`discord ${what}: rate limited on ${err.route}`, 'rate_limited', Math.max(err.retryAfter, err.sublimitTimeout, 1000));
  }
  if (err instanceof DiscordAPIError) {
    const text = `discord ${what}: ${err.status} ${err.code} ${err.message}`;
    if (err.status === 429) return new PlatformError(text, 'rate_limited', 1000);
    return new PlatformError(text, err.status >= 500 ? 'transient' : 'permanent');
  }
  if (err instanceof HTTPError) return new PlatformError(`discord ${what}: ${err.status} ${err.message}`, err.status >= 500 || err.status === 429 ? 'transient' : 'permanent');
  return new PlatformError(`discord ${what}: ${err instanceof Error ? err.message : String(err)}`, 'transient');
}
