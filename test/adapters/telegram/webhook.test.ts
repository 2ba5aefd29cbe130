import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { identities, people, processedUpdates } from '../../../src/db/schema/index.js';
import { createBot } from '../../../src/bot.js';
import { capabilities } from '../../../src/capabilities.js';
import { silentLogger } from '../../../src/log.js';
import type { InboundEvent } from '../../../src/platform.js';
import { ALLOWED_UPDATES, createTelegramPlatform, derivedWebhookSecret, SECRET_HEADER } from '../../../adapters/telegram/index.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';
import { FakeTelegram } from '../../support/fake-telegram/server.js';
import { daan } from './setup.js';

const HOOK_URL = 'https://bot.example.org/telegram/hook';
const SECRET = 'configured_Secret-123';

/** One "instance": its own bot, adapter and HTTP server, sharing the database and the Bot API. */
async function instance(fake: FakeTelegram, database: TestDatabase, opts: { secret?: string; gate?: Promise<void>; answerWithinMs?: number } = {}) {
  const bot = createBot({ db: database.db, log: silentLogger, capabilities });
  const platform = createTelegramPlatform({ token: fake.token, apiRoot: fake.apiRoot, db: database.db, log: silentLogger,
    commands: bot.commands, webhook: { url: HOOK_URL, ...(opts.secret ? { secret: opts.secret } : {}) },
    ...(opts.answerWithinMs ? { webhookAnswerWithinMs: opts.answerWithinMs } : {}) });
  const seen: InboundEvent[] = [];
  await platform.start(async (event) => {
    seen.push(event);
    if (opts.gate) await opts.gate;
    await bot.handle(platform, event);
  });
  const server: Server = createServer((req, res) => {
    if (req.url === platform.webhookPath) void platform.webhookHandler(req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${platform.webhookPath}`;
  return {
    platform, seen, url,
    post: (update: unknown, secret?: string) => fetch(url, {
      method: 'POST', body: JSON.stringify(update),
      headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { [SECRET_HEADER]: secret }) },
    }),
    async close() {
      await platform.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Instance = Awaited<ReturnType<typeof instance>>;

describe('Telegram webhook mode (real telegraf, fake Bot API, real PostgreSQL)', () => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  let a: Instance;
  let b: Instance;
  beforeAll(async () => {
    fake = await FakeTelegram.start();
    database = await testDatabase();
    a = await instance(fake, database, { secret: SECRET });
    b = await instance(fake, database, { secret: SECRET });
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await fake.close();
    await database.close();
  });

  const dm = () => fake.privateChat(daan);
  const startUpdate = (id: number) => ({ update_id: id, message: { message_id: id, date: 1, chat: dm(), from: daan, text: '/start',
    entities: [{ type: 'bot_command', offset: 0, length: 6 }] } });

  it('registers the webhook with its secret and exactly the update types it uses; never long-polls', async () => {
    expect(fake.state.webhook).toEqual({ url: HOOK_URL, secret: SECRET, allowedUpdates: [...ALLOWED_UPDATES] });
    expect(a.platform.webhookPath).toBe('/telegram/hook');
    expect(fake.callsOf('getUpdates')).toHaveLength(0);
  });

  it('without a configured secret every instance derives the same one from the token', async () => {
    const c = await instance(fake, database);
    try {
      expect(fake.state.webhook?.secret).toBe(derivedWebhookSecret(fake.token));
      expect(fake.state.webhook?.secret).toMatch(/^[A-Za-z0-9_-]{20,256}$/);
      expect((await c.post(startUpdate(1), derivedWebhookSecret(fake.token))).status).toBe(200);
      await c.platform.idle();
      expect(fake.sentTo(daan.id)).toHaveLength(1);
    } finally {
      await c.close();
    }
  });

  it('processes an update once, even posted twice at once to one instance and to two instances', async () => {
    const before = fake.sentTo(daan.id).length;
    const responses = await Promise.all([a.post(startUpdate(2), SECRET), a.post(startUpdate(2), SECRET), b.post(startUpdate(2), SECRET)]);
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200]);
    await Promise.all([a.platform.idle(), b.platform.idle()]);
    expect(a.seen.length + b.seen.length).toBe(3); // all three reached the bot…
    expect(fake.sentTo(daan.id).length - before).toBe(1); // …which answered once
  });

  it('a wrong or missing secret gets 401 and changes nothing', async () => {
    const count = async () => [await database.db.$count(processedUpdates), await database.db.$count(people),
      await database.db.$count(identities)].join('/');
    const rows = await count();
    const seen = a.seen.length;
    const sent = fake.state.messages.length;
    expect((await a.post(startUpdate(3), 'wrong')).status).toBe(401);
    expect((await a.post(startUpdate(3))).status).toBe(401);
    expect((await a.post(startUpdate(3), `${SECRET}x`)).status).toBe(401);
    expect((await fetch(a.url)).status).toBe(405);
    await a.platform.idle();
    expect(await count()).toBe(rows);
    expect(a.seen.length).toBe(seen);
    expect(fake.state.messages.length).toBe(sent);
    expect((await a.post('not json{', SECRET)).status).toBe(400);
  });

  it('answers after the update is handled; a handler slower than the limit gets 503 and its redelivery is a duplicate', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const slow = await instance(fake, database, { secret: SECRET, gate, answerWithinMs: 300 });
    try {
      const before = fake.sentTo(daan.id).length;
      // Not handled within the limit: 503, so Telegram would deliver it again later; handling goes on.
      expect((await slow.post(startUpdate(4), SECRET)).status).toBe(503);
      expect(slow.seen).toHaveLength(1);
      release();
      await slow.platform.idle();
      expect(fake.sentTo(daan.id).length).toBe(before + 1);
      // Telegram's redelivery: acknowledged, and no second answer.
      expect((await slow.post(startUpdate(4), SECRET)).status).toBe(200);
      await slow.platform.idle();
      expect(fake.sentTo(daan.id).length).toBe(before + 1);
    } finally {
      release();
      await slow.close();
    }
  });
});

describe('Telegram long polling start and stop', () => {
  it('stops cleanly right after starting, and a second start polls again', async () => {
    const fake = await FakeTelegram.start();
    const database = await testDatabase();
    try {
      const platform = createTelegramPlatform({ token: fake.token, apiRoot: fake.apiRoot, db: database.db, log: silentLogger });
      await platform.start(async () => {});
      await platform.stop();
      const polls = fake.calls.filter((c) => c.method === 'getUpdates').length;
      await platform.start(async () => {});
      await vi.waitFor(() => expect(fake.calls.filter((c) => c.method === 'getUpdates').length).toBeGreaterThan(polls));
      await platform.stop();
    } finally {
      await fake.close();
      await database.close();
    }
  });
});
