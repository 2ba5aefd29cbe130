import { msg } from '../../src/i18n/index.js';
import { silentLogger } from '../../src/log.js';
import { enqueue } from '../../src/outbox/queue.js';
import { startOutboxWorker } from '../../src/outbox/worker.js';
import { maxInWindow } from '../support/faulty-platform.js';
import { FaultyPlatform } from '../support/faulty-platform.js';
import { benchDatabase } from './bench-db.js';

/**
 * 1,000 chats, one announcement each, through the real outbox worker loop (real time) against a
 * fake platform, with a configured global limit. Prints achieved rate ÷ limit and the worst
 * 1-second window, which must never exceed the limit.
 */
export async function run(): Promise<void> {
  const limit = Number(process.env.BENCH_RATE ?? 100);
  const instances = Number(process.env.BENCH_INSTANCES ?? 2);
  const database = await benchDatabase();
  const { db } = database;
  try {
    const now = new Date();
    for (let i = 0; i < 1000; i++) {
      await enqueue(db, { platform: 'telegram', to: { chatId: `c${i}` }, key: `bench:${i}`,
        message: { lang: 'nl', body: [msg('core.unknownCommand', { command: `bench ${i}` })] } }, now);
    }
    const fake = new FaultyPlatform('telegram', () => new Date());
    const limits = { telegram: { global: { limit, windowMs: 1000 }, perChat: { limit: 20, windowMs: 60_000 } } };
    const start = Date.now();
    const workers = Array.from({ length: instances }, () => startOutboxWorker({
      db, log: silentLogger, platforms: new Map([['telegram', fake]]), limits, concurrency: 8, pollMs: 50,
    }));
    while (fake.delivered.length < 1000) await new Promise((r) => setTimeout(r, 20));
    const seconds = (Date.now() - start) / 1000;
    await Promise.all(workers.map((w) => w.stop()));
    const achieved = 1000 / seconds;
    const worst = maxInWindow(fake.attempts.map((a) => a.at), 1000);
    console.log(`broadcast to 1000 chats, ${instances} worker instance(s), limit ${limit}/s: ${seconds.toFixed(2)} s, `
      + `achieved ${achieved.toFixed(1)}/s = ${(achieved / limit).toFixed(2)} of the limit; busiest 1-s window ${worst} sends`);
  } finally {
    await database.stop();
  }
}
