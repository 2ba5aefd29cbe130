import { capabilities } from '../../src/capabilities.js';
import { sections } from '../support/plan.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { pollInstances, qualityAlerts, reports } from '../../src/db/schema/index.js';
import { schedulerJobs } from '../../src/scheduler/jobs.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import type { FakeUser } from '../support/fake-platform.js';
import { machinery, seedCorporation } from '../support/complex-kit.js';

const eve: FakeUser = { id: 'u-eve', name: 'Eve Buiten', username: 'eve' };

describe('quality-evaluation polls', () => {
  let h: Harness;
  let complexA: number;
  beforeAll(async () => {
    h = await createHarness({ now: new Date('2026-11-30T12:00:00Z') });
    ({ complexA } = await seedCorporation(h, { a: [anna, bram, chloe, daan], coordinatorsA: [anna], b: [eve] }));
  });
  afterAll(async () => { await h.close(); });

  it('the beheerplan polls and reminders sections apply and read back the same', async () => {
    const owner = sections.get('polls')!;
    const plan = [
      { name: 'Trappenhuis B', question: 'Hoe schoon is trappenhuis B?', options: ['1', '2', '3', '4', '5'], area: 'trappenhuis B',
        schedule: 'elke eerste van de maand', time: '10:00', window_hours: 48, threshold: 3 },
    ];
    await h.database.db.transaction((tx) => owner.apply(tx, plan, { complexId: complexA, now: h.clock.now, actorPersonId: null }));
    expect(await owner.read(h.database.db, complexA)).toEqual(plan);

    const reminders = sections.get('reminders')!;
    expect(await reminders.read(h.database.db, complexA)).toBeUndefined();
    const settings = { before_due_hours: 12, open_call_days_before: 2, ask_done_after_hours: 3, release_window_hours: 24,
      loan_overdue_alert_hours: 24, announcement_reping_hours: 36 };
    await h.database.db.transaction((tx) => reminders.apply(tx, settings, { complexId: complexA, now: h.clock.now, actorPersonId: null }));
    expect(await reminders.read(h.database.db, complexA)).toEqual(settings);
    await h.database.db.transaction((tx) => reminders.apply(tx, undefined, { complexId: complexA, now: h.clock.now, actorPersonId: null }));
    expect(await reminders.read(h.database.db, complexA)).toBeUndefined();
  });

  it('native poll: open → votes (changed, retracted, non-member) → reminder → close → results stored, summarised, low score alerts coordinators', async () => {
    h.fake.supports.nativePolls = true; // the fake reports each voter, as Telegram does
    const m = machinery(h, schedulerJobs(capabilities));
    h.clock.now = new Date('2026-12-01T08:59:00Z');
    await m.tick();
    expect(h.fake.polls).toEqual([]);
    h.clock.now = new Date('2026-12-01T09:00:00Z'); // 10:00 in Amsterdam
    await m.tick();
    expect(h.fake.polls.map((p) => [p.chatId, p.closed])).toEqual([['gA1', false], ['gA2', false]]);
    expect(h.fake.last('gA1')!.text).toBe('📋 Hoe schoon is trappenhuis B?');
    const [p1, p2] = h.fake.polls;

    const vote = (u: FakeUser, pollId: string, optionIndexes: number[]) => h.fake.inject({
      kind: 'poll_vote', pollId, optionIndexes, updateId: `${u.id}-${pollId}-${Math.random()}`,
      chat: { platform: 'fake', chatId: `dm:${u.id}`, isDirect: true }, user: { platform: 'fake', userId: u.id, displayName: u.name },
    });
    await vote(bram, p1!.pollId, [1]);
    await vote(chloe, p2!.pollId, [4]);
    await vote(chloe, p2!.pollId, [1]); // changed her mind
    await vote(daan, p1!.pollId, [2]);
    await vote(daan, p1!.pollId, []); // retracted
    await vote(daan, p1!.pollId, [0]);
    await vote(eve, p1!.pollId, [4]); // not a resident of this complex: not counted

    h.clock.now = new Date('2026-12-02T09:00:00Z');
    await m.tick();
    expect(h.fake.last('gA1')!.text).toBe('⏰ Nog een dag om te stemmen: Hoe schoon is trappenhuis B? (3 stemmen tot nu toe).');

    h.clock.now = new Date('2026-12-03T09:00:00Z');
    await m.tick();
    expect(h.fake.polls.every((p) => p.closed)).toBe(true);
    const [instance] = await h.database.db.select().from(pollInstances).orderBy(asc(pollInstances.id));
    expect(instance).toMatchObject({ period: '2026-12-01', counts: [1, 2, 0, 0, 0], voteCount: 3, average: 1.67, area: 'trappenhuis B' });
    for (const chat of ['gA1', 'gA2']) {
      expect(h.fake.last(chat)!.text).toBe('📊 Uitslag: Hoe schoon is trappenhuis B?\n1: 1\n2: 2\n3: 0\n4: 0\n5: 0\nGemiddeld 1,7 (van 1 tot 5), 3 stemmen.');
    }
    const alerts = await h.database.db.select().from(qualityAlerts).where(eq(qualityAlerts.complexId, complexA));
    expect(alerts).toMatchObject([{ average: 1.67, threshold: 3, area: 'trappenhuis B' }]);
    // The low score opens a private report for the coordinators (through the reports capability), with triage buttons.
    expect(h.fake.dmsTo('u-anna').map((s) => s.text)).toEqual([
      '📥🔒 Nieuwe privémelding:\n#1 · Overig · trappenhuis B: ⚠️ Lage score voor trappenhuis B: gemiddeld 1,7 (grens 3) bij "Hoe schoon is trappenhuis B?". Bekijk wat er nodig is.',
    ]);
    expect(h.fake.dmsTo('u-anna')[0]!.buttons.flat().map((b) => b.label)).toContain('Naar corporatie');
    const opened = await h.database.db.select().from(reports).where(eq(reports.complexId, complexA));
    expect(opened).toMatchObject([{ number: 1, source: 'poll', visibility: 'private', category: 'other', location: 'trappenhuis B', reporterPersonId: null }]);
    expect(h.fake.dmsTo('u-bram')).toEqual([]);

    // A vote after close is not counted; a second tick changes nothing.
    await vote(bram, p1!.pollId, [4]);
    const before = h.fake.sent.length;
    await m.tick();
    expect(h.fake.sent.length).toBe(before);
    const [again] = await h.database.db.select().from(pollInstances).where(eq(pollInstances.id, instance!.id));
    expect(again!.counts).toEqual([1, 2, 0, 0, 0]);

    const [series] = await h.fake.say(chloe, 'dm:u-chloe', '/poll results trappenhuis B');
    expect(series!.text).toBe('01/12/2026 trappenhuis B: 1.7 (3 votes)');
    // Asked in words, the same results (every area).
    const [asked] = await h.fake.say(chloe, 'dm:u-chloe', 'what are the poll results?');
    expect(asked!.text).toContain('01/12/2026 trappenhuis B: 1.7 (3 votes)');
    const [nl] = await h.fake.say(bram, 'gA1', '@bot wat is de uitslag van de peiling?');
    expect(nl!.text).toContain('01-12-2026 trappenhuis B: 1,7 (3 stemmen)');
  });

  it('after each occurrence of a task (rota source); a failing native post falls back to buttons', async () => {
    const { pollJobs } = await import('../../src/polls/jobs.js');
    const { pollDefinitions } = await import('../../src/db/schema/index.js');
    // The rota's occurrences, as the polls capability is given them: one occurrence of the task at 15:00.
    const occurrences = async (_db: unknown, complexId: number, taskName: string, { from, to }: { from: Date; to: Date }) => {
      const done = new Date('2026-12-05T15:00:00Z');
      return complexId === complexA && taskName === 'Trappenhuis vegen' && done > from && done <= to ? [{ occurrenceId: 41, at: done }] : [];
    };
    await h.database.db.insert(pollDefinitions).values({ complexId: complexA, name: 'Na vegen', question: 'Is het trappenhuis goed geveegd?',
      options: ['nee', 'ja'], afterTask: 'Trappenhuis vegen', windowHours: 24, createdAt: h.clock.now });
    h.fake.supports.nativePolls = true;
    const m = machinery(h, pollJobs(occurrences));
    h.clock.now = new Date('2026-12-05T14:59:00Z');
    await m.tick();
    h.fake.failNext = 1; // the native poll to the first chat fails
    const pollsBefore = h.fake.polls.length;
    h.clock.now = new Date('2026-12-05T15:00:00Z');
    await m.tick();
    const [instance] = await h.database.db.select().from(pollInstances).where(eq(pollInstances.period, 'occ:41'));
    expect(instance).toMatchObject({ question: 'Is het trappenhuis goed geveegd?', closesAt: new Date('2026-12-06T15:00:00Z') });
    expect(h.fake.polls.slice(pollsBefore).map((p) => p.chatId)).toEqual(['gA2']);
    expect(h.fake.last('gA1')!.buttons.map((r) => r[0]!.action)).toEqual([`polls:v:${instance!.id}:0`, `polls:v:${instance!.id}:1`]);
    await h.database.db.update(pollDefinitions).set({ active: false }).where(eq(pollDefinitions.name, 'Na vegen'));
    h.clock.now = new Date('2026-12-06T15:00:00Z');
    await m.tick();
  });

  it('button poll where the platform has no per-voter results; defined from the chat', async () => {
    const [refused] = await h.fake.say(bram, 'gA1', '/peiling toevoegen Tuin; Hoe ziet de tuin eruit?; slecht, matig, goed; elke maandag; tuin');
    expect(refused!.text).toContain('coördinator');
    const [added] = await h.fake.say(anna, 'gA1', '/peiling toevoegen Tuin; Hoe ziet de tuin eruit?; slecht, matig, goed; elke maandag; tuin');
    expect(added!.text).toBe('Peiling "Tuin" toegevoegd (elke maandag).');
    const [bad] = await h.fake.say(anna, 'gA1', '/peiling toevoegen X; Vraag?; een; elke maandag');
    expect(bad!.text).toBe('Geef 2 tot 10 antwoorden, gescheiden door komma\'s.');

    h.fake.supports.nativePolls = false; // a platform without per-voter results gets buttons
    const m = machinery(h);
    h.clock.now = new Date('2026-12-07T09:00:00Z'); // Monday 10:00
    await m.tick();
    const posted = h.fake.last('gA1')!;
    expect(posted.text).toBe('📋 Hoe ziet de tuin eruit?\nStemmen kan tot donderdag 10 december om 10:00. Je kunt je stem veranderen.');
    expect(posted.buttons.map((r) => r[0]!.label)).toEqual(['slecht', 'matig', 'goed']);
    const [ok] = await h.fake.press(bram, 'gA1', posted.buttons[2]![0]!.action, posted.messageId);
    expect([ok!.toUser, ok!.text]).toEqual(['u-bram', 'Je stem is genoteerd: goed.']);
    await h.fake.press(bram, 'gA1', posted.buttons[1]![0]!.action, posted.messageId);
    await h.fake.press(chloe, 'gA2', h.fake.last('gA2')!.buttons[2]![0]!.action);
    h.clock.now = new Date('2026-12-10T09:00:00Z');
    await m.tick();
    expect(h.fake.last('gA2')!.text).toBe('📊 Uitslag: Hoe ziet de tuin eruit?\nslecht: 0\nmatig: 1\ngoed: 1\nGemiddeld 2,5 (van 1 tot 3), 2 stemmen.');
    const [late] = await h.fake.press(daan, 'gA1', posted.buttons[0]![0]!.action, posted.messageId);
    expect(late!.text).toBe('Deze peiling is al gesloten.');
  });
});
