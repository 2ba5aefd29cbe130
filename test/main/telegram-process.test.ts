import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { openDatabase, type Db } from '../../src/db/client.js';
import { chats, complexes, corporations, processedUpdates } from '../../src/db/schema/index.js';
import { issueJoinCode } from '../../src/tenancy/codes.js';
import { derivedWebhookSecret, SECRET_HEADER } from '../../adapters/telegram/index.js';
import { anna, daan } from '../adapters/telegram/setup.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { FakeTelegram } from '../support/fake-telegram/server.js';
import { startBundled, type RunningMain } from './spawn.js';

const HOOK_URL = 'https://bot.example.org/telegram/webhook';
const SECRET = 'process_Secret-42';

/** The port the process logged (JSON log lines on stdout when it runs without the console chat). */
async function httpPort(bot: RunningMain): Promise<number> {
  await bot.waitFor(/http server listening/);
  return Number(/"port":(\d+)[^\n]*http server listening/.exec(bot.stdout())![1]);
}

/**
 * The database the process runs on, and a way for the test to read and write it: a fresh database on
 * the test PostgreSQL server (DATABASE_URL), or with TEST_DB=pglite an embedded one in a fresh
 * DATA_DIR (single-process: the test opens it only while the bot is not running).
 */
interface ProcessDatabase { env: Record<string, string>; use<T>(fn: (db: Db) => Promise<T>): Promise<T>; close(): Promise<void> }

async function processDatabase(): Promise<ProcessDatabase> {
  if (inject('dbKind') === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'zb-tg-process-'));
    return {
      env: { DATA_DIR: dataDir },
      async use(fn) {
        const database = await openDatabase({ dataDir });
        try { return await fn(database.db); } finally { await database.close(); }
      },
      async close() {},
    };
  }
  const database: TestDatabase = await testDatabase();
  return { env: { DATABASE_URL: database.url! }, use: (fn) => fn(database.db), close: () => database.close() };
}

/** A fresh join code for a fresh complex. */
async function joinCode(db: Db, name: string): Promise<{ code: string; complexId: number }> {
  const now = new Date();
  const [corp] = await db.insert(corporations).values({ name: `Corporatie ${name}` }).returning();
  const [complex] = await db.insert(complexes).values({ name, corporationId: corp!.id }).returning();
  const { code } = await issueJoinCode(db, { purpose: 'complex', complexId: complex!.id, now });
  return { code, complexId: complex!.id };
}

async function stop(bot: RunningMain): Promise<number | null> {
  bot.child.kill('SIGTERM');
  return bot.exited;
}

describe('npm start with TELEGRAM_BOT_TOKEN: the whole process against the fake Bot API (real PostgreSQL)', () => {
  let database: ProcessDatabase;
  let fake: FakeTelegram;
  beforeAll(async () => {
    database = await processDatabase();
    fake = await FakeTelegram.start();
  });
  afterAll(async () => {
    await fake.close();
    await database.close();
  });

  it('long polling: a private /start and a group /koppel@bot <code> are answered; SIGTERM exits 0', async () => {
    const { code, complexId } = await database.use((db) => joinCode(db, 'De Linde'));
    const bot = startBundled({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...database.env,
      HTTP_PORT: '0', LOG_LEVEL: 'info', LANG: 'nl_NL.UTF-8' });
    try {
      const port = await httpPort(bot);
      // It polls only once it has started; until then an injected update simply waits in the queue.
      await vi.waitFor(() => expect(fake.callsOf('getUpdates').length).toBeGreaterThan(0), { timeout: 10_000 });
      expect(fake.callsOf('deleteWebhook')).toHaveLength(1);
      expect(fake.state.commandMenus.get('default|nl')?.map((c) => c.command)).toContain('koppel');

      const dm = fake.privateChat(daan);
      await fake.say(daan, dm, '/start');
      // Confirmed means stored by the bot; the answer follows.
      await vi.waitFor(() => expect(fake.sentTo(dm)).toHaveLength(1), { timeout: 10_000 });
      expect(fake.lastIn(dm)!.text).toMatch(/^Hallo Daan Bakker! Ik ben de zelfbeheer-bot/);

      const group = fake.group('Bewoners De Linde', { admins: [anna] });
      await fake.say(anna, group, `/koppel@${fake.me.username!} ${code}`);
      await vi.waitFor(() => expect(fake.lastIn(group)).toBeDefined(), { timeout: 10_000 });
      expect(fake.lastIn(group)!.text).toBe('Gelukt! Deze groep is nu gekoppeld aan De Linde. Coördinatoren: Anna de Vries. Typ /hulp om te beginnen.');

      // Its HTTP side is up too, and counts what it handled.
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toContain('zelfbeheer_inbound_events_total{platform="telegram",kind="command",outcome="ok"} 2');

      expect(await stop(bot)).toBe(0);
      expect(bot.stdout()).toContain('shutting down');
      expect(bot.stdout()).not.toMatch(/"level":(50|60)/);
      const [chat] = await database.use((db) => db.select().from(chats).where(eq(chats.platformChatId, String(group.id))));
      expect(chat).toMatchObject({ platform: 'telegram', complexId });
    } finally {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    }
  }, 40_000);

  it('webhook mode: setWebhook with the secret; a post with the right secret is handled, a wrong one gets 401; SIGTERM exits 0', async () => {
    const bot = startBundled({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...database.env,
      TELEGRAM_WEBHOOK_URL: HOOK_URL, TELEGRAM_WEBHOOK_SECRET: SECRET, HTTP_PORT: '0', LOG_LEVEL: 'info', LANG: 'nl_NL.UTF-8' });
    try {
      const port = await httpPort(bot);
      await vi.waitFor(() => expect(fake.state.webhook).toMatchObject({ url: HOOK_URL, secret: SECRET }), { timeout: 10_000 });
      const polls = fake.callsOf('getUpdates').length;
      const hook = `http://127.0.0.1:${port}${new URL(HOOK_URL).pathname}`;
      const dm = fake.privateChat(daan);
      const before = fake.sentTo(dm).length;
      const update = { update_id: 990001, message: { message_id: 5, date: 1, chat: dm, from: daan, text: '/start',
        entities: [{ type: 'bot_command', offset: 0, length: 6 }] } };
      const post = (secret: string | undefined) => fetch(hook, { method: 'POST', body: JSON.stringify(update),
        headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { [SECRET_HEADER]: secret }) } });

      expect((await post('wrong')).status).toBe(401);
      expect((await post(undefined)).status).toBe(401);
      expect((await post(derivedWebhookSecret(fake.token))).status).toBe(401); // a configured secret replaces the derived one
      expect(fake.sentTo(dm)).toHaveLength(before);

      // Acknowledged at once (503 only until the adapter has started, as Telegram then retries), handled afterwards.
      await vi.waitFor(async () => expect((await post(SECRET)).status).toBe(200), { timeout: 5_000 });
      await vi.waitFor(() => expect(fake.sentTo(dm)).toHaveLength(before + 1), { timeout: 5_000 });
      expect(fake.lastIn(dm)!.text).toBe(fake.sentTo(dm)[0]!.text); // the same answer to /start as in polling mode
      // Redelivered by Telegram: acknowledged, no second reply (deduplicated on update_id in the database).
      expect((await post(SECRET)).status).toBe(200);
      const metric = 'zelfbeheer_inbound_events_total{platform="telegram",kind="command",outcome="duplicate"} 1';
      await vi.waitFor(async () => expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toContain(metric), { timeout: 5_000 });
      expect(fake.sentTo(dm)).toHaveLength(before + 1);
      expect(fake.callsOf('getUpdates')).toHaveLength(polls); // webhook mode does not poll

      expect(await stop(bot)).toBe(0);
      expect(await database.use((db) => db.select().from(processedUpdates).where(eq(processedUpdates.updateId, '990001')))).toHaveLength(1);
    } finally {
      if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
    }
  }, 40_000);
});
