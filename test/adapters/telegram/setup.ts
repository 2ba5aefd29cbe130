import { createBot, type Bot } from '../../../src/bot.js';
import { capabilities } from '../../../src/capabilities.js';
import type { Capability } from '../../../src/capability.js';
import { createLogger, silentLogger } from '../../../src/log.js';
import type { InboundEvent } from '../../../src/platform.js';
import { startOutboxWorker, type OutboxWorker } from '../../../src/outbox/worker.js';
import { loadConfig } from '../../../src/config.js';
import { createTelegramPlatform, telegramOptionsFromConfig, type TelegramPlatform } from '../../../adapters/telegram/index.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';
import { FakeTelegram, type FakeChat, type FakeUser } from '../../support/fake-telegram/server.js';
import { complexes, corporations } from '../../../src/db/schema/index.js';
import { issueJoinCode } from '../../../src/tenancy/codes.js';

export const anna: FakeUser = { id: 101, first_name: 'Anna', last_name: 'de Vries', username: 'anna_dv', language_code: 'nl' };
export const bram: FakeUser = { id: 102, first_name: 'Bram', last_name: 'Jansen', username: 'bramj', language_code: 'nl' };
export const chloe: FakeUser = { id: 103, first_name: 'Chloé', last_name: 'Martin', username: 'chloe_m', language_code: 'en' };
export const daan: FakeUser = { id: 104, first_name: 'Daan', last_name: 'Bakker', language_code: 'nl-BE' };

export interface TelegramWorld {
  fake: FakeTelegram;
  database: TestDatabase;
  bot: Bot;
  platform: TelegramPlatform;
  /** Every event the adapter handed to the bot. */
  seen: InboundEvent[];
  clock: { now: Date };
  close(): Promise<void>;
}

/** The real bot on real PostgreSQL, behind the real adapter (telegraf), talking to the fake Bot API. */
export async function telegramWorld(opts: {
  webhook?: { url: string; secret?: string }; database?: TestDatabase;
  /** false: the test runs its own outbox worker (on the virtual clock, with the deployment's pacing). */
  outboxWorker?: boolean;
  /** The capability list (default: the real one); a test may add one of its own. */
  capabilities?: readonly Capability[];
} = {}): Promise<TelegramWorld> {
  const fake = await FakeTelegram.start();
  const database = opts.database ?? await testDatabase();
  const clock = { now: new Date('2026-11-22T10:00:00Z') };
  // TELEGRAM_TEST_LOG=debug shows what the bot and the adapter log.
  const log = process.env.TELEGRAM_TEST_LOG ? createLogger(process.env.TELEGRAM_TEST_LOG) : silentLogger;
  // The outbox worker runs as in a deployment (real time): it sends what waits behind a 429 or a retry.
  let worker: OutboxWorker | undefined;
  const bot = createBot({ db: database.db, log, capabilities: opts.capabilities ?? capabilities, now: () => clock.now, onQueued: () => worker?.poke() });
  // Configured exactly as a deployment would be: through the environment, TELEGRAM_API_ROOT pointing at the fake.
  const config = loadConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot,
    ...(opts.webhook ? { TELEGRAM_WEBHOOK_URL: opts.webhook.url, TELEGRAM_WEBHOOK_SECRET: opts.webhook.secret } : {}) });
  const platform = createTelegramPlatform({
    ...telegramOptionsFromConfig(config)!, db: database.db, log, commands: bot.commands, now: () => clock.now,
  });
  if (opts.outboxWorker !== false) worker = startOutboxWorker({ db: database.db, log, platforms: bot.platforms, limits: {}, pollMs: 100, sentMarks: bot.sentMarks });
  bot.platforms.set('telegram', platform);
  fake.updates.settle = () => platform.idle();
  const seen: InboundEvent[] = [];
  await platform.start(async (event) => {
    seen.push(event);
    await bot.handle(platform, event);
  });
  return {
    fake, database, bot, platform, seen, clock,
    async close() {
      await worker?.stop();
      await platform.stop();
      await fake.close();
      if (!opts.database) await database.close();
    },
  };
}

/**
 * A corporation and complex "De Linde" whose Telegram group is linked by Anna (group admin) with a
 * join code; the given residents then say hello in the group so they are members.
 */
export async function linkedGroup(w: TelegramWorld, residents: FakeUser[]): Promise<{ group: FakeChat; complexId: number }> {
  const db = w.database.db;
  const [corp] = await db.insert(corporations).values({ name: 'Woonstede' }).returning();
  const [complex] = await db.insert(complexes).values({ name: 'De Linde', corporationId: corp!.id }).returning();
  const { code } = await issueJoinCode(db, { purpose: 'complex', complexId: complex!.id, now: w.clock.now });
  const group = w.fake.group('Bewoners De Linde', { admins: [anna] });
  await w.fake.say(anna, group, `/koppel@zelfbeheer_test_bot ${code}`);
  for (const u of residents) await w.fake.say(u, group, 'hallo allemaal');
  return { group, complexId: complex!.id };
}
