import { msg } from '../../src/i18n/index.js';
import { silentLogger } from '../../src/log.js';
import { DEFAULT_LIMITS } from '../../src/outbox/pacing.js';
import { enqueueMany } from '../../src/outbox/queue.js';
import { startOutboxWorker } from '../../src/outbox/worker.js';
import { FaultyPlatform, maxInWindow, seeded } from '../support/faulty-platform.js';
import { benchDatabase } from './bench-db.js';

export interface BroadcastFigures { messages: number; seconds: number; ratio: number; lost: number; duplicated: number; worstWindow: number; got429: number }

/**
 * An announcement to N chats through the outbox worker exactly as src/main.ts starts it (its
 * default limits, batch size, concurrency and poll interval: no overrides), against a fake
 * Telegram that answers 10 % of sends with a 429 (retry_after 1–5 s). Delivered messages per
 * second ÷ the configured global limit; lost = chats without the message, duplicated = extra copies.
 */
export async function run(): Promise<BroadcastFigures> {
  const n = Number(process.env.BENCH_MESSAGES ?? 1000);
  const database = await benchDatabase();
  const { db } = database;
  try {
    await enqueueMany(db, Array.from({ length: n }, (_, i) => ({ platform: 'telegram', to: { chatId: `c${i}` }, key: `bench:${i}`,
      message: { lang: 'nl' as const, body: [msg('core.unknownCommand', { command: `bench ${i}` })] } })), new Date());
    const fake = new FaultyPlatform('telegram', () => new Date(), seeded(Date.now() % 100_000));
    fake.rate429 = Number(process.env.BENCH_429 ?? 0.1);
    const limit = DEFAULT_LIMITS.telegram!.global!.limit;
    const start = Date.now();
    const worker = startOutboxWorker({ db, log: silentLogger, platforms: new Map([['telegram', fake]]) });
    while (new Set(fake.delivered.map((d) => d.target)).size < n && Date.now() - start < 20 * n / limit * 1000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = (fake.delivered.at(-1)!.at - start) / 1000;
    await new Promise((r) => setTimeout(r, 1500)); // anything sent twice would show up now
    await worker.stop();
    if (process.env.BENCH_DEBUG) {
      const per = new Map<number, string>();
      for (const a of fake.attempts) { const sec = Math.floor((a.at - start) / 1000); per.set(sec, (per.get(sec) ?? '') + (a.outcome === 'ok' ? '.' : 'x')); }
      for (const [sec, marks] of [...per].sort((x, y) => x[0] - y[0])) console.log(sec, marks.length, marks);
    }
    const targets = new Set(fake.delivered.map((d) => d.target));
    const t90 = (fake.delivered[Math.floor(0.9 * n) - 1]!.at - start) / 1000;
    const f: BroadcastFigures = {
      messages: n, seconds, ratio: n / seconds / limit, lost: n - targets.size, duplicated: fake.delivered.length - targets.size,
      worstWindow: maxInWindow(fake.attempts.map((a) => a.at), 1000), got429: fake.attempts.filter((a) => a.outcome === '429').length,
    };
    console.log(`broadcast to ${n} chats at production settings (limit ${limit}/s), 10 % 429s (${f.got429} got one): `
      + `${seconds.toFixed(1)} s = ${(n / seconds).toFixed(1)}/s = ${f.ratio.toFixed(2)} of the limit; lost ${f.lost}, duplicated ${f.duplicated}; `
      + `first 90 % delivered at ${(0.9 * n / t90 / limit).toFixed(2)} of the limit (the rest waits out retry_after); busiest 1-s window ${f.worstWindow} attempts, ${maxInWindow(fake.delivered.map((d) => d.at), 1000)} delivered`);
    return f;
  } finally {
    await database.stop();
  }
}
