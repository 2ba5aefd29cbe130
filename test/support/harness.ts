import type { Socket } from 'node:net';
import { createBot, type Bot } from '../../src/bot.js';
import { capabilities } from '../../src/capabilities.js';
import { silentLogger } from '../../src/log.js';
import { createOutboxWorker } from '../../src/outbox/worker.js';
import type { PlatformSupport } from '../../src/platform.js';
import { testDatabase, type TestDatabase } from './db.js';
import { FakePlatform, type FakeUser } from './fake-platform.js';

export interface Harness {
  database: TestDatabase;
  bot: Bot;
  fake: FakePlatform;
  /** The bot's clock; set `clock.now` to move time. */
  clock: { now: Date };
  /** Sends what waits in the outbox and is due by the harness clock (answers held back by a 429, retries). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export async function createHarness(opts: {
  now?: Date; kind?: 'postgres' | 'pglite'; supports?: Partial<PlatformSupport>; onQuery?: (statement: string) => void;
  onSocket?: (socket: Socket) => void; maxConnections?: number;
} = {}): Promise<Harness> {
  const database = await testDatabase({ ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.onQuery ? { onQuery: opts.onQuery } : {}),
    ...(opts.onSocket ? { onSocket: opts.onSocket } : {}), ...(opts.maxConnections ? { maxConnections: opts.maxConnections } : {}) });
  const clock = { now: opts.now ?? new Date('2026-11-22T10:00:00Z') };
  const bot = createBot({ db: database.db, log: silentLogger, capabilities, now: () => clock.now });
  const fake = new FakePlatform(bot, 'fake', opts.supports ?? {});
  const worker = createOutboxWorker({
    db: database.db, log: silentLogger, platforms: new Map([['fake', fake]]), clock: () => clock.now, limits: {}, concurrency: 1,
    sentMarks: bot.sentMarks,
  });
  return {
    database, bot, fake, clock,
    async close() {
      await bot.flush();
      await database.close();
    },
    async flush() {
      for (let i = 0; i < 100; i++) {
        const { sent, nextAt } = await worker.runOnce();
        if (sent === 0 && (!nextAt || nextAt > clock.now)) return;
      }
    },
  };
}

export const anna: FakeUser = { id: 'u-anna', name: 'Anna de Vries', username: 'anna', language: 'nl' };
export const bram: FakeUser = { id: 'u-bram', name: 'Bram Jansen', username: 'bram', language: 'nl' };
export const chloe: FakeUser = { id: 'u-chloe', name: 'Chloé Martin', username: 'chloe', language: 'en' };
export const daan: FakeUser = { id: 'u-daan', name: 'Daan Bakker', username: 'daan' };
