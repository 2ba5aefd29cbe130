import type { Telegram } from 'telegraf';
import type { Logger } from '../../src/log.js';
import { HandleLaterError } from '../../src/platform.js';
import type { TgUpdate } from './inbound.js';

export interface PollerOptions {
  telegram: Telegram;
  log: Logger;
  allowedUpdates: string[];
  /** Handles one update; rejects with HandleLaterError when it must be delivered again. */
  handle(update: TgUpdate): Promise<void>;
  /** Seconds Telegram holds a getUpdates request open when there is nothing new. */
  timeoutSeconds?: number;
}

// Short: an update is handed back because our database is away, not because Telegram is.
const MAX_BACKOFF_MS = 5000;

/**
 * Long polling that never confirms an update it could not handle: Telegram forgets updates below
 * the offset of the next getUpdates, so the offset only moves past an update once it was handled.
 * An update handed back (database unavailable) is asked for again after a growing pause; those
 * after it that were handled meanwhile come back too and are recognised as duplicates.
 */
export class TelegramPoller {
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly opts: PollerOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.loop;
  }

  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.abort.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }

  private async run(): Promise<void> {
    const { telegram, log } = this.opts;
    let offset = 0;
    let backoff = 0;
    while (!this.stopped) {
      let updates: TgUpdate[];
      try {
        updates = await telegram.callApi('getUpdates', {
          offset, timeout: this.opts.timeoutSeconds ?? 50, allowed_updates: this.opts.allowedUpdates as never,
        }, { signal: this.abort.signal as never });
      } catch (err) {
        if (this.stopped) break;
        const code = (err as { response?: { error_code?: number } }).response?.error_code;
        if (code === 401 || code === 404) {
          log.fatal({ err }, 'telegram: the bot token was refused; long polling stops');
          break;
        }
        backoff = Math.min(MAX_BACKOFF_MS, Math.max(1000, backoff * 2));
        log.warn({ err, retryInMs: backoff }, 'telegram: getUpdates failed');
        await this.sleep(backoff);
        continue;
      }
      const results = await Promise.allSettled(updates.map((u) => this.opts.handle(u)));
      const later = results.findIndex((r) => r.status === 'rejected' && r.reason instanceof HandleLaterError);
      for (const r of results) {
        if (r.status === 'rejected' && !(r.reason instanceof HandleLaterError)) log.error({ err: r.reason }, 'telegram: update failed');
      }
      if (later === -1) {
        const last = updates.at(-1);
        if (last) offset = last.update_id + 1;
        backoff = 0;
        continue;
      }
      offset = updates[later]!.update_id;
      backoff = Math.min(MAX_BACKOFF_MS, Math.max(1000, backoff * 2));
      log.warn({ updateId: offset, retryInMs: backoff }, 'telegram: update handed back; asking for it again');
      await this.sleep(backoff);
    }
  }
}
