import { capabilities } from '../../../src/capabilities.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { announcementAcks, announcements, outbox } from '../../../src/db/schema/index.js';
import { silentLogger } from '../../../src/log.js';
import { createOutboxWorker, type OutboxWorker } from '../../../src/outbox/worker.js';
import { createScheduler } from '../../../src/scheduler/engine.js';
import { schedulerJobs } from '../../../src/scheduler/jobs.js';
import { parseHtml } from '../../support/fake-telegram/html.js';
import type { FakeChat } from '../../support/fake-telegram/server.js';
import { anna, bram, chloe, daan, linkedGroup, telegramWorld, type TelegramWorld } from './setup.js';

const SECOND = 1000;
const HOUR = 3_600_000;
const ANNOUNCEMENT = '📢 Mededeling van Anna de Vries\n\nZaterdag <ramen> & deuren wassen 🪟';

/**
 * Announcements and scheduled rota reminders leave through the durable outbox and the real
 * adapter: the scheduler and the worker run on the world's virtual clock, the fake Bot API's
 * 429 is real (telegraf gets an HTTP 429 with retry_after).
 */
describe('announcement and rota reminder through the outbox and the real Telegram adapter', () => {
  let w: TelegramWorld;
  let group: FakeChat;
  let worker: OutboxWorker;
  let scheduler: ReturnType<typeof createScheduler>;
  // Sunday 22 November 2026, 10:00 UTC; the stairs are due Saturday 28 November 10:00 Amsterdam (09:00 UTC).
  const saturday = new Date('2026-11-28T09:00:00Z');

  beforeAll(async () => {
    w = await telegramWorld({ outboxWorker: false });
    const db = w.database.db;
    ({ group } = await linkedGroup(w, []));
    for (const u of [anna, bram, chloe]) w.fake.privateChat(u);
    for (const u of [bram, chloe]) await w.fake.say(u, group, 'hallo allemaal');
    const platforms = new Map([['telegram', w.platform]]);
    scheduler = createScheduler({ db, log: silentLogger, platforms, jobs: schedulerJobs(capabilities), firstLookbackMs: 0 });
    // The deployment's pacing limits (DEFAULT_LIMITS), on the virtual clock.
    // As main.ts does: the bot's pending "sent" marks are written before each claim.
    worker = createOutboxWorker({ db, log: silentLogger, platforms, clock: () => w.clock.now, concurrency: 1, sentMarks: w.bot.sentMarks });
    await scheduler.tick(w.clock.now);
  });
  afterAll(async () => { await w.close(); });

  it('a 429 with retry_after delays the announcement and the reminder; after it each arrives exactly once; Gelezen ✓ counts', async () => {
    // A resident holds Saturday's stairs.
    await w.fake.say(anna, group, '/taak nieuw Trap vegen, elke zaterdag, om 10:00, 30 min');
    await w.fake.press(anna, group, 'Opslaan');
    await w.fake.say(bram, group, '/neem trap 28 nov');
    expect(w.fake.lastIn(group)!.text).toBe('Bram Jansen doet Trap vegen, za 28 nov 10:00. Dank je wel!');

    // Friday 10:01 Amsterdam: the coordinator announces in the group; the scheduler plans the reminder.
    w.clock.now = new Date(saturday.getTime() - 23 * HOUR + 60 * SECOND);
    const groupBefore = w.fake.sentTo(group).length;
    await w.fake.say(anna, group, '/mededeling Zaterdag <ramen> & deuren wassen 🪟');
    // The group gets nothing directly: the announcement is queued; the author is told privately.
    expect(w.fake.sentTo(group)).toHaveLength(groupBefore);
    expect(w.fake.lastIn(w.fake.privateChat(anna))!.text).toMatch(/^Mededeling #\d+ gaat nu naar 1 chat\.$/);
    await scheduler.tick(w.clock.now);
    const queued = await w.database.db.select().from(outbox).where(eq(outbox.state, 'pending')).orderBy(outbox.id);
    expect(queued.map((r) => [r.targetKind, r.targetId])).toEqual([['chat', String(group.id)], ['user', String(bram.id)]]);

    // Telegram answers both sends with 429, retry after 2 seconds.
    w.fake.fail('sendMessage', 429, { retryAfter: 2, times: 2 });
    const t0 = w.clock.now;
    const failedBefore = w.fake.calls.filter((c) => c.failedWith === 429).length;
    const first = await worker.runOnce();
    expect(first.sent).toBe(0);
    expect(w.fake.calls.filter((c) => c.failedWith === 429).length).toBe(failedBefore + 2);
    expect(first.nextAt).toEqual(new Date(t0.getTime() + 2 * SECOND));
    const held = await w.database.db.select().from(outbox).where(eq(outbox.state, 'pending')).orderBy(outbox.id);
    expect(held.map((r) => [r.rateLimitedCount, r.attempts, r.nextAttemptAt])).toEqual([
      [1, 0, new Date(t0.getTime() + 2 * SECOND)], [1, 0, new Date(t0.getTime() + 2 * SECOND)]]);

    // 1.9 s later: still nothing is sent (and nothing is even tried).
    const callsBefore = w.fake.calls.length;
    w.clock.now = new Date(t0.getTime() + 1900);
    expect(await worker.runOnce()).toMatchObject({ sent: 0 });
    expect(w.fake.calls.length).toBe(callsBefore);
    expect(w.fake.sentTo(group)).toHaveLength(groupBefore);
    expect(w.fake.sentTo(w.fake.privateChat(bram)).filter((m) => m.text.startsWith('🔔'))).toEqual([]);

    // When retry_after has passed, both go out; further rounds and ticks send nothing twice.
    w.clock.now = new Date(t0.getTime() + 2 * SECOND);
    expect(await worker.runOnce()).toEqual({ sent: 2, nextAt: null });
    await scheduler.tick(new Date(t0.getTime() + 60 * SECOND));
    expect(await worker.runOnce()).toEqual({ sent: 0, nextAt: null });

    const announced = w.fake.sentTo(group).filter((m) => m.text === ANNOUNCEMENT);
    expect(announced).toHaveLength(1);
    expect(announced[0]!.html).toContain('&lt;ramen&gt; &amp; deuren');
    expect(parseHtml(announced[0]!.html).text).toBe(ANNOUNCEMENT);
    expect(announced[0]!.buttons.flat().map((b) => b.text)).toEqual(['Gelezen ✓ (0)']);
    const reminders = w.fake.sentTo(w.fake.privateChat(bram)).filter((m) => m.text.startsWith('🔔'));
    expect(reminders.map((m) => m.text)).toEqual(['🔔 Herinnering: Trap vegen staat voor jou op zaterdag 28 november om 10:00.']);
    expect(reminders[0]!.buttons.flat().map((b) => b.text)).toEqual(['Gedaan', 'Vrijgeven', 'Weggeven']);
    // The scheduled rows (the answers to commands are outbox rows too, keyed by their update).
    const rows = (await w.database.db.select().from(outbox).orderBy(outbox.id)).filter((r) => !r.idempotencyKey.startsWith('ev:'));
    expect(rows.map((r) => [r.state, r.rateLimitedCount])).toEqual([['sent', 1], ['sent', 1]]);
    expect(rows[0]!.sentMessageId).toBe(String(announced[0]!.messageId));

    // Chloé presses Gelezen ✓: the count on the group's message is edited (through the outbox).
    await w.fake.press(chloe, group, 'Gelezen ✓');
    expect([...w.fake.state.callbacks.values()].every((q) => q.answered)).toBe(true);
    await worker.runOnce();
    const edited = w.fake.sentTo(group).find((m) => m.messageId === announced[0]!.messageId)!;
    expect(edited.text).toBe(ANNOUNCEMENT);
    expect(edited.buttons.flat().map((b) => b.text)).toEqual(['Gelezen ✓ (1)']);
    // A second press by her changes nothing; Bram's makes it 2.
    await w.fake.press(chloe, group, 'Gelezen ✓');
    await w.fake.press(bram, group, 'Gelezen ✓');
    await worker.runOnce();
    expect(w.fake.sentTo(group).find((m) => m.messageId === announced[0]!.messageId)!.buttons.flat().map((b) => b.text))
      .toEqual(['Gelezen ✓ (2)']);
    const [ann] = await w.database.db.select().from(announcements);
    expect(await w.database.db.select().from(announcementAcks).where(eq(announcementAcks.announcementId, ann!.id))).toHaveLength(2);
    expect(w.fake.sentTo(group).filter((m) => m.text === ANNOUNCEMENT)).toHaveLength(1);
  });

  it('a 429 on the count edit holds it until retry_after; presses meanwhile coalesce into one edit with the newest count', async () => {
    const [message] = w.fake.sentTo(group).filter((m) => m.text === ANNOUNCEMENT);
    const countOnTelegram = () => w.fake.sentTo(group).find((m) => m.messageId === message!.messageId)!.buttons.flat().map((b) => b.text);
    expect(countOnTelegram()).toEqual(['Gelezen ✓ (2)']);
    w.fake.fail('editMessageText', 429, { retryAfter: 3 });
    const t0 = new Date(w.clock.now.getTime() + 60 * SECOND);
    w.clock.now = t0;
    await w.fake.press(anna, group, 'Gelezen ✓');
    expect(await worker.runOnce()).toEqual({ sent: 0, nextAt: new Date(t0.getTime() + 3 * SECOND) });
    expect(w.fake.calls.at(-1)).toMatchObject({ method: 'editMessageText', failedWith: 429 });
    expect(countOnTelegram()).toEqual(['Gelezen ✓ (2)']);

    // Daan (new in the group) reads it a second later: his press re-queues the edit, but the chat stays blocked.
    w.clock.now = new Date(t0.getTime() + SECOND);
    await w.fake.press(daan, group, 'Gelezen ✓');
    const calls = w.fake.calls.length;
    expect(await worker.runOnce()).toMatchObject({ sent: 0 });
    expect(w.fake.calls.length).toBe(calls);

    // After retry_after: one edit with the newest count.
    w.clock.now = new Date(t0.getTime() + 3 * SECOND);
    expect(await worker.runOnce()).toEqual({ sent: 1, nextAt: null });
    expect(w.fake.calls.slice(calls).map((c) => c.method)).toEqual(['editMessageText']);
    expect(countOnTelegram()).toEqual(['Gelezen ✓ (4)']);
    expect(w.fake.sentTo(group).filter((m) => m.text === ANNOUNCEMENT)).toHaveLength(1);
  });

  it('a pinned announcement: a 429 on the pin does not lose the pin and does not send the message twice', async () => {
    w.clock.now = new Date(w.clock.now.getTime() + 60 * SECOND);
    await w.fake.say(anna, group, '/mededeling vastzetten Lift B is dinsdag buiten gebruik');
    w.fake.fail('pinChatMessage', 429, { retryAfter: 4 });
    const t0 = w.clock.now;
    await worker.runOnce();
    const text = '📢 Mededeling van Anna de Vries\n\nLift B is dinsdag buiten gebruik';
    const posted = () => w.fake.sentTo(group).filter((m) => m.text === text);
    expect(posted()).toHaveLength(1);
    expect(posted()[0]!.pinned).toBe(false);
    expect(w.fake.calls.at(-1)).toMatchObject({ method: 'pinChatMessage', failedWith: 429 });

    w.clock.now = new Date(t0.getTime() + 3 * SECOND);
    const calls = w.fake.calls.length;
    await worker.runOnce();
    expect(w.fake.calls.length).toBe(calls);
    w.clock.now = new Date(t0.getTime() + 4 * SECOND);
    expect(await worker.runOnce()).toEqual({ sent: 1, nextAt: null });
    expect(posted()).toHaveLength(1);
    expect(posted()[0]!.pinned).toBe(true);
  });
});
