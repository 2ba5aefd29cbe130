import type { Telegram } from 'telegraf';
import type { Logger } from '../../src/log.js';
import { HandleLaterError } from '../../src/platform.js';
import type { TgUpdate } from './inbound.js';

/** Where updates wait between getUpdates and their handling (a table: src/bot/inbox.ts). */
export interface UpdateInbox {
  queue(updates: TgUpdate[]): Promise<void>;
  finish(ids: number[]): Promise<void>;
  pending(): Promise<TgUpdate[]>;
}

export interface PollerOptions {
  telegram: Telegram;
  log: Logger;
  allowedUpdates: string[];
  /** Called with every batch as soon as getUpdates returns it, before it is stored (to answer button presses). */
  accept?(updates: TgUpdate[]): void;
  /** Handles one update; rejects with HandleLaterError when it must be handled again later. */
  handle(update: TgUpdate): Promise<void>;
  inbox: UpdateInbox;
  /** Seconds Telegram holds a getUpdates request open when there is nothing new. */
  timeoutSeconds?: number;
  /**
   * Updates fetched and not yet handled (handling itself is bounded by the platform); above this the
   * next getUpdates waits and Telegram keeps the rest. Default 5,000.
   */
  maxBuffered?: number;
}

// Short: an update is handed back because our database is away, not because Telegram is.
const MAX_BACKOFF_MS = 5000;

/**
 * Long polling that never loses an update and never waits for a slow chat. Telegram forgets every
 * update below the offset of the next getUpdates, so a batch is first stored in the inbox (one
 * statement) and only then confirmed; its updates are handed over at once (button presses are answered
 * then) and handled while the next batches are fetched.
 * When the database is away the batch is not stored and not confirmed: Telegram hands it out again.
 * An update handed back while being handled stays in the inbox and is taken up from there.
 */
export class TelegramPoller {
  private readonly stopping = new AbortController();
  private cycle = new AbortController();
  private loop: Promise<void> | undefined;
  private stopped = false;
  private readonly inFlight = new Map<number, Promise<void>>();
  private finished: number[] = [];
  private recoveryTimer: NodeJS.Timeout | undefined;
  private recovering: Promise<void> | undefined;
  private finishing: Promise<void> | undefined;

  constructor(private readonly opts: PollerOptions) {}

  start(): void {
    // First of all: what an earlier run left unhandled.
    this.scheduleRecovery(0);
    this.loop ??= this.run();
  }

  /**
   * Takes up the updates waiting in the inbox, on a timer of its own so that polling goes on meanwhile
   * (while the database is away, reading the inbox may hang until the connection times out).
   */
  private scheduleRecovery(delayMs: number): void {
    if (this.recoveryTimer || this.recovering || this.stopped) return;
    this.recoveryTimer = setTimeout(() => {
      this.recoveryTimer = undefined;
      this.recovering = (async () => {
        // Handled updates whose finished marks are being written must not read as pending (handled twice).
        await this.finishing;
        await this.flushFinished();
        for (const update of await this.opts.inbox.pending()) this.dispatch(update);
      })().then(() => undefined, (err: unknown) => {
        this.opts.log.warn({ err }, 'telegram: the update inbox is unavailable; trying again');
        this.recovering = undefined;
        this.scheduleRecovery(Math.min(MAX_BACKOFF_MS, Math.max(1000, delayMs * 2)));
      }).finally(() => { this.recovering = undefined; });
    }, delayMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    this.cycle.abort();
    clearTimeout(this.recoveryTimer);
    await this.loop;
    await this.recovering;
    await this.finishing;
    await Promise.allSettled([...this.inFlight.values()]);
    await this.flushFinished();
  }

  private async sleep(ms: number): Promise<void> {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.stopping.signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
    });
  }

  private dispatch(update: TgUpdate): void {
    const id = update.update_id;
    if (this.inFlight.has(id)) return;
    const work = this.opts.handle(update).then(() => { this.finished.push(id); }, (err: unknown) => {
      if (err instanceof HandleLaterError) {
        // Stays in the inbox (when it got there): taken up again after a pause.
        this.scheduleRecovery(1000);
        return;
      }
      this.opts.log.error({ err, updateId: id }, 'telegram: update failed');
      this.finished.push(id);
    }).finally(() => { this.inFlight.delete(id); });
    this.inFlight.set(id, work);
  }

  private async flushFinished(): Promise<void> {
    const ids = this.finished;
    if (ids.length === 0) return;
    this.finished = [];
    // A failure only means they are handled again later, which their dedupe mark makes harmless.
    await this.opts.inbox.finish(ids).catch(() => { this.finished.push(...ids); });
  }

  private async run(): Promise<void> {
    const { telegram, log } = this.opts;
    const maxBuffered = this.opts.maxBuffered ?? 5000;
    let offset = 0;
    let backoff = 0;
    while (!this.stopped) {
      const pause = async (err: unknown, what: string) => {
        backoff = Math.min(MAX_BACKOFF_MS, Math.max(1000, backoff * 2));
        log.warn({ err, retryInMs: backoff }, what);
        await this.sleep(backoff);
      };
      if (this.inFlight.size >= maxBuffered) {
        await Promise.race(this.inFlight.values());
        continue;
      }
      this.cycle = new AbortController();
      let updates: TgUpdate[];
      try {
        updates = await telegram.callApi('getUpdates', {
          offset, timeout: this.opts.timeoutSeconds ?? 50, allowed_updates: this.opts.allowedUpdates as never,
        }, { signal: this.cycle.signal as never });
      } catch (err) {
        if (this.stopped || this.cycle.signal.aborted) continue;
        const code = (err as { response?: { error_code?: number } }).response?.error_code;
        if (code === 401 || code === 404) {
          log.fatal({ err }, 'telegram: the bot token was refused; long polling stops');
          break;
        }
        await pause(err, 'telegram: getUpdates failed');
        continue;
      }
      if (updates.length > 0) {
        this.opts.accept?.(updates);
        try {
          await this.opts.inbox.queue(updates);
        } catch (err) {
          // Not stored, so not confirmed: Telegram hands these out again. Handing them to the bot anyway
          // lets it tell each chat once that it will be done later (it hands them back, unhandled).
          for (const update of updates) this.dispatch(update);
          await pause(err, 'telegram: could not store updates; asking for them again');
          continue;
        }
        offset = updates.at(-1)!.update_id + 1;
        for (const update of updates) this.dispatch(update);
      }
      backoff = 0;
      // Not waited for: the next getUpdates (and the button presses it brings) need not wait for a delete.
      this.finishing ??= this.flushFinished().finally(() => { this.finishing = undefined; });
    }
  }
}
