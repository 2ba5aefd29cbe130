import { capabilities } from '../../src/capabilities.js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { runAdmin } from '../../src/admin/commands.js';
import { outbox, outboxPace } from '../../src/db/schema/index.js';
import { msg } from '../../src/i18n/index.js';
import { silentLogger } from '../../src/log.js';
import type { PlatformLimits } from '../../src/outbox/pacing.js';
import { enqueue } from '../../src/outbox/queue.js';
import { createOutboxWorker, type OutboxWorker } from '../../src/outbox/worker.js';
import type { ChatPlatform } from '../../src/platform.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { FaultyPlatform, maxInWindow, seeded } from '../support/faulty-platform.js';

const T0 = new Date('2026-11-22T10:00:00Z').getTime();
const limits: Record<string, PlatformLimits> = {
  telegram: { global: { limit: 30, windowMs: 1000 }, perChat: { limit: 20, windowMs: 60_000 }, perUser: { limit: 1, windowMs: 1000 } },
};

/** Runs a worker on a virtual clock until nothing is left (jumping to the next due time). */
async function drain(worker: OutboxWorker, clock: { now: number }, maxRounds = 100_000): Promise<void> {
  for (let i = 0; i < maxRounds; i++) {
    const { nextAt } = await worker.runOnce();
    if (!nextAt) return;
    clock.now = Math.max(clock.now, nextAt.getTime());
  }
  throw new Error('outbox did not drain');
}

function note(text: string) {
  return { lang: 'nl' as const, body: [msg('core.unknownCommand', { command: text })] };
}

describe('durable outbox', () => {
  let database: TestDatabase;
  beforeAll(async () => { database = await testDatabase(); });
  afterAll(async () => { await database.close(); });
  beforeEach(async () => {
    await database.db.delete(outbox);
    await database.db.delete(outboxPace);
  });

  it('429 on 10% and 5xx on 5% of sends: every message delivered exactly once, retry_after honoured, rates never exceeded', { timeout: 120_000 }, async () => {
    const clock = { now: T0 };
    const fake = new FaultyPlatform('telegram', () => new Date(clock.now), seeded(42));
    fake.rate429 = 0.10;
    fake.rate5xx = 0.05;
    const db = database.db;
    // 25 group chats × 12 messages, and 40 DMs: 340 messages, enqueued in an interleaved order.
    for (let m = 0; m < 12; m++) {
      for (let c = 0; c < 25; c++) {
        await enqueue(db, { platform: 'telegram', to: { chatId: `g${c}` }, message: note(`g${c}-m${m}`), key: `t:g${c}:${m}` }, new Date(clock.now));
      }
    }
    for (let u = 0; u < 40; u++) {
      await enqueue(db, { platform: 'telegram', to: { userId: `u${u}` }, message: note(`u${u}`), key: `t:u${u}` }, new Date(clock.now));
    }
    // Enqueueing again with the same keys changes nothing.
    expect(await enqueue(db, { platform: 'telegram', to: { chatId: 'g0' }, message: note('g0-m0'), key: 't:g0:0' }, new Date(clock.now))).toBe(false);

    const platforms = new Map<string, ChatPlatform>([['telegram', fake]]);
    // Two workers (two instances) share the work and the pacing state.
    const workers = [0, 1].map(() => createOutboxWorker({
      db, log: silentLogger, platforms, clock: () => new Date(clock.now), limits, maxAttempts: 20, backoffMs: 500,
    }));
    for (let round = 0; round < 100_000; round++) {
      const results = await Promise.all(workers.map((w) => w.runOnce()));
      const next = results.map((r) => r.nextAt?.getTime()).filter((n): n is number => n !== undefined);
      if (next.length === 0) break;
      clock.now = Math.max(clock.now, Math.min(...next));
    }

    // Exactly once, and each chat's messages in the order they were queued.
    const texts = fake.delivered.map((d) => d.text);
    expect(texts).toHaveLength(340);
    expect(new Set(texts).size).toBe(340);
    for (let c = 0; c < 25; c++) {
      const mine = fake.delivered.filter((d) => d.target === `g${c}`).map((d) => d.text);
      expect(mine.map((t) => /\/(g\d+-m\d+)/.exec(t)?.[1])).toEqual(Array.from({ length: 12 }, (_, m) => `g${c}-m${m}`));
    }
    expect(fake.attempts.filter((a) => a.outcome === '429').length).toBeGreaterThan(20);
    expect(fake.attempts.filter((a) => a.outcome === '5xx').length).toBeGreaterThan(8);

    // No attempt to a chat before the retry_after of its last 429 had passed.
    const blockedUntil = new Map<string, number>();
    for (const a of fake.attempts) {
      expect(a.at).toBeGreaterThanOrEqual(blockedUntil.get(a.target) ?? 0);
      if (a.outcome === '429') blockedUntil.set(a.target, a.at + a.retryAfterMs!);
    }
    // Rates: global ≤ 30 in any second (a send refused with a 429 delivered nothing and gives its
    // place back); per group ≤ 20 in any minute; per DM ≤ 1 per second.
    expect(maxInWindow(fake.attempts.filter((a) => a.outcome !== '429').map((a) => a.at), 1000)).toBeLessThanOrEqual(30);
    for (let c = 0; c < 25; c++) {
      expect(maxInWindow(fake.attempts.filter((a) => a.target === `g${c}`).map((a) => a.at), 60_000)).toBeLessThanOrEqual(20);
    }
    const states = await db.select({ state: outbox.state, n: sql<number>`count(*)::int` }).from(outbox).groupBy(outbox.state);
    expect(states).toEqual([{ state: 'sent', n: 340 }]);
  });

  it('a worker killed mid-broadcast to 200 chats: after restart every chat has the announcement, at most one duplicate each', async () => {
    const clock = { now: T0 };
    const db = database.db;
    for (let c = 0; c < 200; c++) {
      await enqueue(db, { platform: 'telegram', to: { chatId: `c${c}` }, message: note('broadcast'), key: `b:${c}`, topic: 'announcement:1' }, new Date(clock.now));
    }
    const fake = new FaultyPlatform('telegram', () => new Date(clock.now));
    fake.hangAfter = 57; // the 57th delivery and every send after it never returns: the process is gone
    const first = createOutboxWorker({ db, log: silentLogger, platforms: new Map([['telegram', fake]]), clock: () => new Date(clock.now), limits, leaseMs: 60_000 });
    let rounds = 0;
    // Run the first worker until it hangs; it is then abandoned (killed), its promise never settles.
    await Promise.race([
      (async () => { for (; rounds < 1000; rounds++) { const r = await first.runOnce(); if (r.nextAt) clock.now = Math.max(clock.now, r.nextAt.getTime()); } })(),
      new Promise((resolve) => { const check = setInterval(() => { if (fake.delivered.length >= 57) { clearInterval(check); setTimeout(resolve, 50); } }, 5); }),
    ]);
    expect(fake.delivered).toHaveLength(57);

    // Restart: a new process (a new connection to the platform) after the old one's lease ran out.
    const restarted = new FaultyPlatform('telegram', () => new Date(clock.now));
    const second = createOutboxWorker({ db, log: silentLogger, platforms: new Map([['telegram', restarted]]), clock: () => new Date(clock.now), limits, leaseMs: 60_000 });
    await drain(second, clock);
    const delivered = [...fake.delivered, ...restarted.delivered];
    const perChat = new Map<string, number>();
    for (const d of delivered) perChat.set(d.target, (perChat.get(d.target) ?? 0) + 1);
    expect(perChat.size).toBe(200);
    // Only the one send that was in flight when the process died went out twice.
    expect([...perChat.values()].filter((n) => n > 1)).toEqual([2]);
    expect(delivered).toHaveLength(201);
  });

  it('dead-letters after the configured attempts; the admin CLI lists and retries them', async () => {
    const clock = { now: T0 };
    const db = database.db;
    const fake = new FaultyPlatform('telegram', () => new Date(clock.now));
    fake.rate5xx = 1;
    await enqueue(db, { platform: 'telegram', to: { chatId: 'g1' }, message: note('doomed'), key: 'dead:1' }, new Date(clock.now));
    const worker = createOutboxWorker({ db, log: silentLogger, platforms: new Map([['telegram', fake]]), clock: () => new Date(clock.now), limits, maxAttempts: 3, backoffMs: 1000 });
    await drain(worker, clock);
    expect(fake.attempts.map((a) => a.at - T0)).toEqual([0, 1000, 3000]); // backoff 1 s, then 2 s
    const [row] = await db.select().from(outbox).where(eq(outbox.idempotencyKey, 'dead:1'));
    expect(row).toMatchObject({ state: 'dead', attempts: 3, lastError: 'Bad Gateway' });

    const lines: string[] = [];
    const io = { db, now: new Date(clock.now), lang: 'en' as const, capabilities, out: (l: string) => lines.push(l) };
    await runAdmin(io, ['outbox', 'dead']);
    expect(lines.join('\n')).toContain(`#${row!.id} telegram chat g1`);
    expect(lines.join('\n')).toContain('3 attempts, Bad Gateway');
    lines.length = 0;
    await runAdmin(io, ['outbox', 'retry', String(row!.id)]);
    expect(lines).toEqual([`Message #${row!.id} queued again.`]);
    fake.rate5xx = 0;
    await drain(worker, clock);
    expect(fake.delivered.map((d) => d.target)).toEqual(['g1']);
    lines.length = 0;
    await runAdmin(io, ['outbox', 'dead']);
    expect(lines).toEqual(['No dead-lettered messages.']);
  });
});
