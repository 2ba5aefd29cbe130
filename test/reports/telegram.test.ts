import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { capabilities } from '../../src/capabilities.js';
import { corporationRoles, reports } from '../../src/db/schema/index.js';
import { silentLogger } from '../../src/log.js';
import { createScheduler } from '../../src/scheduler/engine.js';
import { schedulerJobs } from '../../src/scheduler/jobs.js';
import { complexes } from '../../src/db/schema/index.js';
import { ensurePerson } from '../../src/tenancy/queries.js';
import type { FakeChat, FakeUser } from '../support/fake-telegram/server.js';
import { anna, bram, linkedGroup, telegramWorld, type TelegramWorld } from '../adapters/telegram/setup.js';

const lotte: FakeUser = { id: 105, first_name: 'Lotte', last_name: 'Woonstede', username: 'lotte_ws', language_code: 'nl' };

async function until<T>(what: () => T | undefined, ms = 5000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const v = what();
    if (v !== undefined) return v;
  }
  throw new Error('timed out waiting');
}

/**
 * The whole report round trip through the real Telegram adapter (telegraf ↔ fake Bot API, real
 * PostgreSQL): a report by DM with a photo → the coordinator escalates → the liaison (by DM: no liaison
 * chat) acknowledges, asks for information, the reporter answers, the liaison resolves → "is it fixed?" No →
 * reopened and the liaison notified again.
 */
describe('reports through the Telegram adapter', () => {
  let w: TelegramWorld;
  let group: FakeChat;
  let complexId: number;
  beforeAll(async () => {
    w = await telegramWorld();
    ({ group, complexId } = await linkedGroup(w, [bram]));
    const [complex] = await w.database.db.select().from(complexes).where(eq(complexes.id, complexId));
    const { person } = await ensurePerson(w.database.db, { platform: 'telegram', userId: String(lotte.id), displayName: 'Lotte Woonstede' });
    await w.database.db.insert(corporationRoles).values({ corporationId: complex!.corporationId!, personId: person.id });
  });
  afterAll(async () => { await w.close(); });

  it('DM with photo → escalate → acknowledge, ask, answer, resolve → not fixed → reopened', { timeout: 60_000 }, async () => {
    const dmBram = w.fake.privateChat(bram);
    const dmAnna = w.fake.privateChat(anna);
    const dmLotte = w.fake.privateChat(lotte);
    await w.fake.photo(bram, dmBram, 'de lamp in hal B is kapot');
    expect(w.fake.lastIn(dmBram)!.text).toBe('Waar gaat het over?');
    await w.fake.press(bram, dmBram, 'Onderhoud');
    await w.fake.say(bram, dmBram, 'hal B');
    await w.fake.press(bram, dmBram, 'Privé');
    expect(w.fake.lastIn(dmBram)!.text).toContain('Melding #1 staat erin, privé');

    const triage = w.fake.lastIn(dmAnna)!;
    expect(triage.photo).toMatch(/^photo-/);
    expect(triage.text).toContain('#1 · Onderhoud · hal B: de lamp in hal B is kapot');
    for (const row of triage.buttons) for (const b of row) expect(Buffer.byteLength(b.data)).toBeLessThanOrEqual(64);
    await w.fake.press(anna, dmAnna, 'Naar corporatie');
    const escalated = await until(() => w.fake.sentTo(dmLotte).find((m) => m.text.startsWith('🏢')));
    expect(escalated.photo).toBe(triage.photo);
    expect(escalated.text).toContain('Geschiedenis:');

    await w.fake.press(lotte, dmLotte, 'Gezien');
    await w.fake.press(lotte, dmLotte, 'Meer info nodig');
    await w.fake.say(lotte, dmLotte, 'Welke lamp precies?');
    expect(w.fake.lastIn(dmBram)!.text).toContain('De corporatie vraagt over je melding #1: Welke lamp precies?');
    await w.fake.say(bram, dmBram, 'Boven de brievenbussen');
    expect(w.fake.lastIn(dmLotte)!.text).toContain('Antwoord van de melder op #1: Boven de brievenbussen');
    await w.fake.press(lotte, dmLotte, 'Opgelost');
    await w.fake.say(lotte, dmLotte, 'Lamp vervangen');
    expect(w.fake.sentTo(dmBram).some((m) => m.text.includes('opgelost. Toelichting: Lamp vervangen'))).toBe(true);

    // A day later: the scheduler asks the reporter; the outbox worker delivers.
    const scheduler = createScheduler({ db: w.database.db, log: silentLogger, platforms: w.bot.platforms, jobs: schedulerJobs(capabilities), firstLookbackMs: 0 });
    await scheduler.tick(w.clock.now);
    w.clock.now = new Date(w.clock.now.getTime() + 25 * 3_600_000);
    await scheduler.tick(w.clock.now);
    await until(() => w.fake.sentTo(dmBram).find((m) => m.text.startsWith('Is melding #1 echt verholpen?')));
    await w.fake.press(bram, dmBram, 'Nee, nog niet');
    await until(() => w.fake.sentTo(dmLotte).find((m) => m.text.startsWith('🔁')));
    const [row] = await w.database.db.select().from(reports).where(eq(reports.complexId, complexId));
    expect(row).toMatchObject({ state: 'escalated', heldBy: 'corporation', visibility: 'private', round: 2 });
    // Nothing of it in the group.
    expect(w.fake.sentTo(group).filter((m) => /lamp|brievenbus/i.test(m.text))).toEqual([]);
  });
});
