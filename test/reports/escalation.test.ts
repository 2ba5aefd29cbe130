import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { capabilities } from '../../src/capabilities.js';
import { mergeRules } from '../../src/capability.js';
import { chats, complexes, corporationRoles, corporations, reportEvents, reportMeToo, reports, reportSettings } from '../../src/db/schema/index.js';
import { silentLogger } from '../../src/log.js';
import { createOutboxWorker } from '../../src/outbox/worker.js';
import { act, meToo, openReport } from '../../src/reports/service.js';
import { createScheduler } from '../../src/scheduler/engine.js';
import { schedulerJobs } from '../../src/scheduler/jobs.js';
import { mergePeople } from '../../src/tenancy/link.js';
import { ensurePerson, setRole } from '../../src/tenancy/queries.js';
import type { FakeUser } from '../support/fake-platform.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { liaisonUser, seedCorporation } from '../support/complex-kit.js';
import { trail } from './kit.js';

const karel: FakeUser = { id: 'u-karel', name: 'Karel Anderwoon', username: 'karel' };
const NOT_FOR_YOU = 'Deze knop is niet (meer) voor jou of voor deze groep bedoeld.';

describe('escalation: liaison authorisation, parallel "me too", the SLA clock with two schedulers, merging accounts', () => {
  let h: Harness;
  let complexA: number;
  let personIds: Map<string, number>;
  const residents: FakeUser[] = Array.from({ length: 30 }, (_, i) => ({ id: `u-r${i}`, name: `Bewoner ${i}` }));
  beforeAll(async () => {
    h = await createHarness({ now: new Date('2026-12-24T14:00:00Z') });
    ({ complexA, personIds } = await seedCorporation(h, { a: [anna, bram, chloe, daan, ...residents], coordinatorsA: [anna], liaison: liaisonUser }));
    // A second corporation with its own liaison (Karel) and liaison chat.
    const db = h.database.db;
    const [other] = await db.insert(corporations).values({ name: 'Andere Woningen' }).returning();
    await db.insert(complexes).values({ name: 'De Beuk', corporationId: other!.id });
    await db.insert(chats).values({ platform: 'fake', platformChatId: 'liaison2', purpose: 'liaison', corporationId: other!.id });
    const { person } = await ensurePerson(db, { platform: 'fake', userId: karel.id, displayName: karel.name });
    await db.insert(corporationRoles).values({ corporationId: other!.id, personId: person.id });
    h.fake.group('liaison2', 'Andere Woningen contact');
  });
  afterAll(async () => { await h.close(); });

  const open = (text: string, category = 'maintenance', reporter = personIds?.get(bram.id) ?? null) => h.database.db.transaction((tx) => openReport(tx, {
    complexId: complexA, reporterPersonId: reporter, text, category, location: 'hal B', visibility: 'public', source: 'group', now: h.clock.now,
  }));

  it('a liaison of another corporation pressing a button on this report is refused, and nothing changes', async () => {
    const { report } = await open('De lift staat stil');
    await h.database.db.transaction((tx) => act(tx, report.id, 'escalate', { personId: personIds.get(anna.id)!, role: 'coordinator' }, null, h.clock.now));
    const before = await trail(h, report.id);
    for (const action of ['acknowledge', 'start', 'ask', 'resolveNow', 'notOurs']) {
      expect((await h.fake.press(karel, 'dm:u-karel', `rep:l:${report.id}:${action}`))[0]!.text).toBe(NOT_FOR_YOU);
      expect((await h.fake.press(karel, 'liaison2', `rep:l:${report.id}:${action}`))[0]!.text).toBe(NOT_FOR_YOU);
      // In the right corporation's liaison chat, but liaison of another one: refused by the reports capability itself.
      expect((await h.fake.press(karel, 'liaison', `rep:l:${report.id}:${action}`))[0]!.text).toBe(NOT_FOR_YOU);
    }
    // A resident cannot press the liaison's buttons either.
    expect((await h.fake.press(bram, 'dm:u-bram', `rep:l:${report.id}:acknowledge`))[0]!.text).toContain('contactpersoon');
    const [row] = await h.database.db.select().from(reports).where(eq(reports.id, report.id));
    expect(row).toMatchObject({ state: 'escalated', liaisonAcknowledgedAt: null, waitingSince: null, resolvedAt: null });
    expect(await trail(h, report.id)).toEqual(before);
    // The own liaison may.
    expect((await h.fake.press(liaisonUser, 'dm:u-lotte', `rep:l:${report.id}:acknowledge`))[0]!.text.split('\n')[0]).toBe('Melding #1 is nu: bij de corporatie.');
    // "Not ours": back to the coordinators, who get their triage buttons again.
    const back = await h.fake.press(liaisonUser, 'dm:u-lotte', `rep:l:${report.id}:notOurs`);
    expect(back[0]!.buttons).toEqual([]);
    const toAnna = back.find((s) => s.toUser === 'u-anna')!;
    expect(toAnna.text.split('\n')[0]).toBe('Melding #1 is nu: gezien.');
    expect(toAnna.buttons.flat().map((b) => b.label)).toEqual(['Gezien ✓', 'Pakken we zelf op', 'Naar corporatie', 'Afwijzen']);
    expect((await trail(h, report.id)).slice(-1)).toEqual(['escalated→acknowledged notOurs (liaison)']);
    // Now the corporation does not hold it: the liaison's buttons do nothing.
    expect((await h.fake.press(liaisonUser, 'dm:u-lotte', `rep:l:${report.id}:start`))[0]!.text).toBe('Dat mag jij bij deze melding niet doen.');
  });

  it('30 neighbours press "me too" at once, twice each: each counted once, escalated exactly once at the threshold', { timeout: 60_000 }, async () => {
    const { report } = await open('Het hek van de fietsenstalling sluit niet', 'maintenance', personIds.get(daan.id));
    const liaisonBefore = h.fake.inChat('liaison').length;
    await Promise.all([...residents, ...residents].map((u) => h.fake.press(u, 'gA1', `rep:mt:${report.id}`)));
    const [row] = await h.database.db.select().from(reports).where(eq(reports.id, report.id));
    const rows = await h.database.db.select().from(reportMeToo).where(eq(reportMeToo.reportId, report.id));
    expect(rows).toHaveLength(30);
    expect(row).toMatchObject({ meToo: 30, state: 'escalated', heldBy: 'corporation' });
    expect((await trail(h, report.id)).filter((e) => e.includes('escalate'))).toEqual(['new→escalated escalate (system)']);
    expect(h.fake.inChat('liaison').slice(liaisonBefore).filter((s) => s.text.startsWith('🏢'))).toHaveLength(1);
    // Everyone got an answer; half of them "already".
    expect(h.fake.sent.filter((s) => s.text.startsWith('Je had al "ik ook" gezegd')).length).toBe(30);
  });

  it('SLA in working hours across Christmas and a weekend: the breach notice goes out once, with two scheduler instances', { timeout: 60_000 }, async () => {
    const db = h.database.db;
    await db.insert(reportSettings).values({ complexId: complexA, categories: [], escalation: {
      me_too_threshold: 50, escalate_after_hours: 72, sla_acknowledge_hours: 8, sla_resolve_hours: 80, fixed_question_hours: 24,
      business_hours: { start: '08:00', end: '17:00' } } })
      .onConflictDoUpdate({ target: reportSettings.complexId, set: { escalation: sql`excluded.escalation` } });
    // Thursday 24 December, 15:00 in Amsterdam.
    h.clock.now = new Date('2026-12-24T14:00:00Z');
    const { report } = await open('Gaslucht in de kelder', 'maintenance');
    await db.transaction((tx) => act(tx, report.id, 'escalate', { personId: personIds.get(anna.id)!, role: 'coordinator' }, null, h.clock.now));
    const platforms = new Map([['fake', h.fake]]);
    const jobs = schedulerJobs(capabilities);
    const [one, two] = [0, 1].map(() => createScheduler({ db, log: silentLogger, platforms, jobs, firstLookbackMs: 0 }));
    const worker = createOutboxWorker({ db, log: silentLogger, platforms, clock: () => h.clock.now, limits: {}, concurrency: 1 });
    const seen: string[] = [];
    // Every 3 hours (a tick plans everything due since the last one; the notice's time is exact).
    for (let t = Date.parse('2026-12-24T16:00:00Z'); t <= Date.parse('2026-12-28T16:00:00Z'); t += 3 * 3_600_000) {
      h.clock.now = new Date(t);
      const before = h.fake.sent.length;
      await Promise.all([one!.tick(h.clock.now), two!.tick(h.clock.now)]);
      for (let i = 0; i < 20 && (await worker.runOnce()).sent > 0; i++);
      for (const s of h.fake.sent.slice(before)) if (s.text.includes('#' + report.number) && s.text.startsWith('⏱️')) seen.push(`${h.clock.now.toISOString().slice(5, 16)} ${s.toUser ?? s.chatId} ${s.text.split('\n')[0]}`);
    }
    // 8 working hours: Thursday 15–17, then Friday 25 and Saturday 26 (holidays), Sunday, Monday 08–14 → 13:00Z.
    expect(seen).toEqual([
      `12-28T13:00 liaison ⏱️ Melding #${report.number} is na 8 uur nog niet bevestigd door de corporatie.`,
      `12-28T13:00 u-anna ⏱️ Melding #${report.number} is na 8 uur nog niet bevestigd door de corporatie.`,
    ]);
  });

  it('merging two accounts of one person: reports, "me too"s and history follow; a double "me too" counts once', async () => {
    const db = h.database.db;
    const chloeId = personIds.get(chloe.id)!;
    const { person: second } = await ensurePerson(db, { platform: 'console', userId: 'c-chloe', displayName: 'Chloé (console)' });
    await setRole(db, complexA, second.id, 'resident');
    const a = await open('Lekkage bij de voordeur', 'maintenance');
    const b = await open('Graffiti op de garagedeur', 'cleaning', second.id);
    await db.transaction(async (tx) => {
      await meToo(tx, a.report.id, chloeId, h.clock.now);
      await meToo(tx, a.report.id, second.id, h.clock.now);
      await meToo(tx, b.report.id, chloeId, h.clock.now); // "me too" on her own other account's report
    });
    await db.transaction((tx) => mergePeople(tx, second.id, chloeId, mergeRules(capabilities)));
    const [ra] = await db.select().from(reports).where(eq(reports.id, a.report.id));
    const [rb] = await db.select().from(reports).where(eq(reports.id, b.report.id));
    expect(ra!.meToo).toBe(1);
    expect((await db.select().from(reportMeToo).where(eq(reportMeToo.reportId, a.report.id))).map((m) => m.personId)).toEqual([chloeId]);
    expect(rb).toMatchObject({ reporterPersonId: chloeId, meToo: 0 });
    expect(await db.select().from(reportMeToo).where(eq(reportMeToo.reportId, b.report.id))).toEqual([]);
    const events = await db.select().from(reportEvents).where(eq(reportEvents.reportId, b.report.id));
    expect(events.map((e) => e.actorPersonId)).toEqual([chloeId]);
  });
});
