import { and, eq } from 'drizzle-orm';
import { expect, vi } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { auditLog, complexes, complexMembers, corporations, identities, people } from '../../src/db/schema/index.js';
import { startEmbeddedPostgres, type RunningPostgres } from '../support/pg-server.js';
import type { TestDatabase } from '../support/db.js';
import { anna, bram, chloe, daan, telegramWorld, type TelegramWorld } from '../adapters/telegram/setup.js';
import { issueJoinCode } from '../../src/tenancy/codes.js';

/**
 * The database goes away for `outageMs` in the middle of a conversation (the PostgreSQL server is
 * really stopped and started again), while ten commands and button presses arrive through the real
 * Telegram adapter. `deliver` is how Telegram hands them over: long polling, or webhook posts that
 * Telegram repeats until they are answered 2xx. Afterwards each must have been handled exactly once.
 */
export async function outageScenario(mode: 'polling' | 'webhook', outageMs: number): Promise<void> {
  const server: RunningPostgres = await startEmbeddedPostgres();
  const opened = await openDatabase({ databaseUrl: server.url, maxConnections: 5 });
  const database: TestDatabase = { ...opened, url: server.url };
  const hook = { url: 'https://bot.example.org/telegram/hook', secret: 'outage_secret' };
  const w: TelegramWorld = await telegramWorld({ database, ...(mode === 'webhook' ? { webhook: hook } : {}) });
  const http = mode === 'webhook' ? await webhookServer(w) : undefined;
  try {
    const pushed: number[] = [];
    const deliver = async (body: Record<string, unknown>): Promise<void> => {
      const update = w.fake.updates.push(body);
      pushed.push(update.update_id);
      if (http) await http.post(update, hook.secret);
      else await w.fake.updates.handled(update, outageMs + 30_000);
    };
    // The group is linked with a join code and the residents say hello, through the same delivery.
    const db = database.db;
    const [corp] = await db.insert(corporations).values({ name: 'Woonstede' }).returning();
    const [complex] = await db.insert(complexes).values({ name: 'De Linde', corporationId: corp!.id }).returning();
    const { code } = await issueJoinCode(db, { purpose: 'complex', complexId: complex!.id, now: w.clock.now });
    const group = w.fake.group('Bewoners De Linde', { admins: [anna] });
    await deliver(w.fake.updates.text(anna, group, `/koppel ${code}`));
    for (const u of [bram, chloe, daan]) await deliver(w.fake.updates.text(u, group, 'hallo allemaal'));
    const dms = [bram, chloe, daan].map((u) => w.fake.privateChat(u));
    // Before the outage: a language menu for Chloé to press during it.
    await deliver(w.fake.updates.text(chloe, dms[1]!, '/taal'));
    const menu = w.fake.lastIn(dms[1]!)!;
    const sentBefore = w.fake.state.messages.length;

    await server.pause();
    const started = Date.now();
    const updates = [
      w.fake.updates.text(anna, group, '/coordinator @bramj'),
      w.fake.updates.text(bram, group, '/hulp'),
      w.fake.updates.callback(chloe, menu, 'lang:en'),
      w.fake.updates.text(daan, group, '/start'),
      w.fake.updates.text(bram, dms[0]!, '/start'),
      w.fake.updates.text(daan, dms[2]!, '/hulp'),
      w.fake.updates.text(anna, group, '/leden'),
      w.fake.updates.text(chloe, dms[1]!, '/help'),
      w.fake.updates.text(bram, group, '/start'),
      w.fake.updates.text(daan, group, '/hulp'),
    ];
    const handled = updates.map((u) => deliver(u));
    // While it is away: nothing is acknowledged, and each chat hears once that it will be done later.
    await new Promise((r) => setTimeout(r, outageMs));
    const during = w.fake.state.messages.slice(sentBefore);
    expect(during.every((m) => /Ik kan even niet bij mijn gegevens|I can’t reach my data/.test(m.text))).toBe(true);
    const noticed = during.map((m) => m.chatId);
    expect(new Set(noticed).size).toBe(noticed.length); // one notice per chat
    expect(noticed.length).toBeGreaterThanOrEqual(3);

    await server.resume();
    await Promise.all(handled);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(outageMs);

    // Exactly once: one promotion (one audit row), one language change, one answer per command.
    await vi.waitFor(async () => {
      const answers = w.fake.state.messages.slice(sentBefore).filter((m) => !/Ik kan even niet|I can’t reach/.test(m.text));
      expect(answers.filter((m) => m.chatId === group.id && m.text.includes('is nu coördinator'))).toHaveLength(1);
      expect(answers.filter((m) => m.chatId === group.id && m.text.startsWith('Dit kan ik voor je doen'))).toHaveLength(2);
      expect(answers.filter((m) => m.chatId === dms[1]!.id && m.text.startsWith('This is what I can do'))).toHaveLength(1);
      expect(answers.filter((m) => m.chatId === dms[1]!.id && m.text === 'From now on I will talk to you in English.')).toHaveLength(1);
    }, { timeout: 15_000, interval: 200 });
    const promoted = await db.select().from(auditLog).where(eq(auditLog.action, 'role.coordinator'));
    expect(promoted).toHaveLength(1);
    const [bramRole] = await db.select({ role: complexMembers.role }).from(complexMembers)
      .innerJoin(identities, eq(identities.personId, complexMembers.personId)).where(eq(identities.platformUserId, String(bram.id)));
    expect(bramRole!.role).toBe('coordinator');
    const [chloeRow] = await db.select({ language: people.language }).from(people)
      .innerJoin(identities, and(eq(identities.personId, people.id), eq(identities.platformUserId, String(chloe.id))));
    expect(chloeRow!.language).toBe('en');
    // Redelivering any of them now changes nothing and says nothing.
    const count = w.fake.state.messages.length;
    if (http) await http.post({ update_id: pushed.at(-10), ...updates[0] }, hook.secret);
    else await w.fake.updates.redeliver(pushed.at(-10)!);
    expect(w.fake.state.messages.length).toBe(count);
  } finally {
    await http?.close();
    await w.close();
    await database.close();
    await server.stop();
  }
}

/** A webhook endpoint for the world's adapter, and Telegram's behaviour: repeat a post until it gets 2xx. */
async function webhookServer(w: TelegramWorld) {
  const { createServer } = await import('node:http');
  const server = createServer((req, res) => { void w.platform.webhookHandler(req, res); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    async post(update: Record<string, unknown>, secret: string): Promise<void> {
      for (let attempt = 0; attempt < 200; attempt++) {
        const res = await fetch(`http://127.0.0.1:${port}${w.platform.webhookPath}`, {
          method: 'POST', body: JSON.stringify(update),
          headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
        });
        if (res.ok) return;
        await new Promise((r) => setTimeout(r, 500));
      }
      throw new Error('webhook never accepted the update');
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
