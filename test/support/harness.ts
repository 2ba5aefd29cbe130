import { createBot, type Bot } from '../../src/bot.js';
import { features } from '../../src/features.js';
import { silentLogger } from '../../src/log.js';
import { testDatabase, type TestDatabase } from './db.js';
import { FakePlatform, type FakeUser } from './fake-platform.js';

export interface Harness {
  database: TestDatabase;
  bot: Bot;
  fake: FakePlatform;
  /** The bot's clock; set `clock.now` to move time. */
  clock: { now: Date };
  close(): Promise<void>;
}

export async function createHarness(opts: { now?: Date; kind?: 'postgres' | 'pglite' } = {}): Promise<Harness> {
  const database = await testDatabase(opts.kind ? { kind: opts.kind } : {});
  const clock = { now: opts.now ?? new Date('2026-11-22T10:00:00Z') };
  const bot = createBot({ db: database.db, log: silentLogger, features, now: () => clock.now });
  const fake = new FakePlatform(bot);
  return { database, bot, fake, clock, close: () => database.close() };
}

export const anna: FakeUser = { id: 'u-anna', name: 'Anna de Vries', username: 'anna', language: 'nl' };
export const bram: FakeUser = { id: 'u-bram', name: 'Bram Jansen', username: 'bram', language: 'nl' };
export const chloe: FakeUser = { id: 'u-chloe', name: 'Chloé Martin', username: 'chloe', language: 'en' };
export const daan: FakeUser = { id: 'u-daan', name: 'Daan Bakker', username: 'daan' };
