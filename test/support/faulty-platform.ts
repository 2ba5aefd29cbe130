import { render } from '../../src/i18n/index.js';
import {
  PlatformError, respondBySending, type ChatPlatform, type InboundEvent, type OutboundMessage, type OutboundPoll, type PlatformName,
  type PlatformSupport, type ReplyTarget, type RespondMode, type SentRef, type UserRef,
} from '../../src/platform.js';

/** A small seeded random generator (mulberry32), so a failing run can be replayed. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Attempt { at: number; target: string; text: string; outcome: 'ok' | '429' | '5xx'; retryAfterMs?: number }

/**
 * A ChatPlatform that fails on purpose: a share of sends get a 429 with retry_after, another share
 * a 5xx. Every attempt is logged with the (virtual) time, so tests can check pacing and retry_after.
 * `hangAfter` simulates a process killed mid-send: that delivery reaches the chat but never returns,
 * and every later call does nothing and never returns.
 */
export class FaultyPlatform implements ChatPlatform {
  readonly supports: PlatformSupport = { ephemeral: false, nativePolls: false, modals: false, maxTextLength: 4096, markup: 'plain' };
  readonly attempts: Attempt[] = [];
  readonly delivered: { target: string; text: string; at: number; messageId: string }[] = [];
  readonly edits: { chatId: string; messageId: string; text: string }[] = [];
  readonly pins: string[] = [];
  rate429 = 0;
  rate5xx = 0;
  retryAfterMs: [number, number] = [1000, 5000];
  hangAfter: number | null = null;
  private nextId = 1;

  constructor(readonly name: PlatformName, private clock: () => Date, private random: () => number = seeded(1)) {}

  private killed = false;

  private attempt(target: string, message: OutboundMessage): Promise<SentRef> {
    if (this.killed) return new Promise<SentRef>(() => {}); // the process is gone: nothing happens any more
    const at = this.clock().getTime();
    const text = message.body.map((m) => render(message.lang, m)).join('\n');
    const roll = this.random();
    if (roll < this.rate429) {
      const [lo, hi] = this.retryAfterMs;
      const retryAfterMs = Math.round(lo + this.random() * (hi - lo));
      this.attempts.push({ at, target, text, outcome: '429', retryAfterMs });
      return Promise.reject(new PlatformError('Too Many Requests', 'rate_limited', retryAfterMs));
    }
    if (roll < this.rate429 + this.rate5xx) {
      this.attempts.push({ at, target, text, outcome: '5xx' });
      return Promise.reject(new PlatformError('Bad Gateway', 'transient'));
    }
    this.attempts.push({ at, target, text, outcome: 'ok' });
    const messageId = String(this.nextId++);
    this.delivered.push({ target, text, at, messageId });
    if (this.hangAfter !== null && this.delivered.length >= this.hangAfter) {
      this.killed = true;
      return new Promise<SentRef>(() => {}); // killed: the message went out, the answer never comes back
    }
    return Promise.resolve({ chatId: target.replace(/^user:/, ''), messageId });
  }

  respond(to: ReplyTarget, message: OutboundMessage, mode: RespondMode): Promise<SentRef> { return respondBySending(this, to, message, mode); }
  send(chatId: string, message: OutboundMessage): Promise<SentRef> { return this.attempt(chatId, message); }
  sendDirect(userId: string, message: OutboundMessage): Promise<SentRef> { return this.attempt(`user:${userId}`, message); }
  async edit(ref: SentRef, message: OutboundMessage): Promise<void> {
    this.edits.push({ ...ref, text: message.body.map((m) => render(message.lang, m)).join('\n') });
  }
  async pin(ref: SentRef): Promise<void> { this.pins.push(ref.messageId); }
  async postPoll(chatId: string, poll: OutboundPoll): Promise<{ ref: SentRef; pollId: string }> {
    const ref = await this.attempt(chatId, { lang: poll.lang, body: [poll.question] });
    return { ref, pollId: `p${ref.messageId}` };
  }
  async closePoll(): Promise<void> {}
  async chatAdmins(): Promise<UserRef[]> { return []; }
  async start(_onEvent: (e: InboundEvent) => Promise<void>): Promise<void> {}
  async stop(): Promise<void> {}
}

/** The largest number of attempts that started inside any window [t, t + windowMs). */
export function maxInWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}
