import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportDrafts, reports } from '../../src/db/schema/index.js';
import { act, openReport } from '../../src/reports/service.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { seedCorporation } from '../support/complex-kit.js';
import { addTasks, task } from '../rota/setup.js';

/**
 * Free text through the real bot (fake platform, real PostgreSQL): problems the way residents write
 * them start a report, neighbours' chatter and chores do not, and "hoe staat het met mijn melding?"
 * is answered with the asker's own reports — not with the rota, whose task "Containers aan de straat"
 * is there to tempt its fuzzy matching.
 */
describe('reports from free text, and questions after one\'s reports', () => {
  let h: Harness;
  let complexA: number;
  let ids: Map<string, number>;
  const db = () => h.database.db;
  const drafts = async () => db().select().from(reportDrafts);
  const open = (reporter: string, text: string, visibility: 'public' | 'private') => db().transaction(async (tx) => (await openReport(tx, {
    complexId: complexA, reporterPersonId: ids.get(reporter)!, text, category: 'maintenance', location: null, visibility, source: 'direct', now: h.clock.now,
  })).report);

  beforeAll(async () => {
    h = await createHarness({ now: new Date('2026-12-01T09:00:00Z') });
    ({ complexA, personIds: ids } = await seedCorporation(h, { a: [anna, bram, chloe, daan], coordinatorsA: [anna] }));
    await addTasks(h, complexA, [task('Containers aan de straat', 'elke maandag'), task('Trappenhuis vegen', 'elke zaterdag', { area: 'Fietsenstalling' })]);
  });
  afterAll(async () => { await h.close(); });

  it('"er ligt glas in de fietsenstalling" by DM becomes a report, asked through like any other', async () => {
    const [ask] = await h.fake.say(bram, 'dm:u-bram', 'er ligt glas in de fietsenstalling');
    expect(ask!.text).toBe('Waar gaat het over?');
    // Litter suggests cleaning (shown as the likely button where the platform has button styles); the resident chooses.
    const likely = (s: typeof ask) => s!.message.buttons!.flat().filter((b) => b.style === 'primary').map((b) => b.action.replace(/.*:cat:/, ''));
    expect(likely(ask)).toEqual(['cleaning']);
    expect(likely((await h.fake.say(anna, 'dm:u-anna', 'er lopen ratten in de kelder'))[0])).toEqual([]);
    await h.fake.pressLabel(bram, 'dm:u-bram', 'Schoonmaak');
    await h.fake.say(bram, 'dm:u-bram', 'fietsenstalling');
    const filed = await h.fake.pressLabel(bram, 'dm:u-bram', 'Groep mag het zien');
    expect(filed[0]!.text).toBe('✅ Dank je! Melding #1 staat erin.\n#1 · Schoonmaak · fietsenstalling: er ligt glas in de fietsenstalling');
    const [row] = await db().select().from(reports).where(eq(reports.complexId, complexA));
    expect(row).toMatchObject({ number: 1, text: 'er ligt glas in de fietsenstalling', category: 'cleaning', location: 'fietsenstalling',
      visibility: 'public', source: 'direct', reporterPersonId: ids.get(bram.id), state: 'new' });
  });

  it('smells, leaks, stuck doors, vermin and noise in Dutch and English start a report; the draft is the resident\'s', async () => {
    const said: [typeof bram, string, string][] = [
      [daan, 'het stinkt in de kelder', 'Waar gaat het over?'], [daan, 'lekkage bij de voordeur', 'Waar gaat het over?'],
      [daan, 'de deur van de berging klemt', 'Waar gaat het over?'], [daan, 'er lopen muizen in de kelder', 'Waar gaat het over?'],
      [daan, 'de buren maken veel lawaai', 'Waar gaat het over?'], [chloe, 'the front door doesn\'t close', 'What is it about?'],
      [chloe, 'it smells in the basement', 'What is it about?'], [chloe, 'water leaking in the hallway', 'What is it about?'],
    ];
    for (const [who, text, question] of said) {
      const answer = await h.fake.say(who, `dm:${who.id}`, text);
      expect(answer.map((s) => s.text), text).toEqual([question]);
      const [draft] = (await drafts()).filter((d) => d.personId === ids.get(who.id));
      expect(draft, text).toMatchObject({ text, chatKey: 'direct', awaiting: 'category' });
    }
    // Addressed in the group it is asked there; the same words unaddressed are the neighbours' business.
    const [inGroup] = await h.fake.say(bram, 'gA1', '@bot er ligt een matras bij de containers');
    expect(inGroup).toMatchObject({ chatId: 'gA1', text: 'Waar gaat het over?' });
    expect(await h.fake.say(chloe, 'gA1', 'er ligt weer glas in de fietsenstalling')).toEqual([]);
    expect(await h.fake.say(chloe, 'gA1', 'the front door doesn\'t close again')).toEqual([]);
    expect((await drafts()).filter((d) => d.personId === ids.get(chloe.id)).map((d) => d.chatKey)).toEqual(['direct']);
  });

  it('chores, news for a neighbour and questions are no report: no draft, no report', async () => {
    await db().delete(reportDrafts);
    const before = (await db().select().from(reports)).length;
    for (const text of ['ik heb glas naar de glasbak gebracht', 'de tuin ziet er mooi uit', 'wie heeft de ladder?', 'de containers zijn buiten gezet',
      'er ligt nog een pakketje voor je bij mij']) {
      const answer = await h.fake.say(anna, 'dm:u-anna', text);
      expect(answer.map((s) => s.text).join('\n'), text).not.toMatch(/Waar gaat het over|Melding #/);
    }
    const [en] = await h.fake.say(chloe, 'dm:u-chloe', 'I took the glass to the bottle bank');
    expect(en!.text).not.toContain('What is it about?');
    expect(await drafts()).toEqual([]);
    expect((await db().select().from(reports)).length).toBe(before);
  });

  it('"hoe staat het met mijn melding?" lists the asker\'s open reports with their state, not the rota', async () => {
    const [none] = await h.fake.say(daan, 'dm:u-daan', 'hoe staat het met mijn melding?');
    expect(none!.text).toBe('Je hebt geen open meldingen. Iets kapot of vies? Zeg het me, bijvoorbeeld "de lamp in hal B is kapot", of gebruik /meld.');
    const [one] = await h.fake.say(bram, 'dm:u-bram', 'hoe staat het met mijn melding?');
    expect(one!.text).toBe('Je hebt 1 open melding:\n• #1 · Schoonmaak · fietsenstalling: er ligt glas in de fietsenstalling — nieuw\n'
      + 'Alles over één melding, met wat er gebeurd is: /melding 1');
    const lift = await open(bram.id, 'de lift doet het niet', 'private');
    const gone = await open(bram.id, 'het hek piept', 'public');
    await db().transaction((tx) => act(tx, gone.id, 'reject', { personId: ids.get(anna.id)!, role: 'coordinator' }, 'geen probleem', h.clock.now));
    await db().transaction((tx) => act(tx, lift.id, 'escalate', { personId: ids.get(anna.id)!, role: 'coordinator' }, null, h.clock.now));
    await open(daan.id, 'de buren op 2 hoog', 'private');
    for (const asked of ['is mijn melding al opgepakt?', 'wat is er met mijn melding gebeurd', 'Is er al nieuws over mijn meldingen?']) {
      const [two] = await h.fake.say(bram, 'dm:u-bram', asked);
      // The newest first; the rejected one is no longer open; Daan's is not Bram's.
      expect(two!.text, asked).toBe('Je hebt 2 open meldingen:\n• #2 · Onderhoud: de lift doet het niet — bij de corporatie\n'
        + '• #1 · Schoonmaak · fietsenstalling: er ligt glas in de fietsenstalling — nieuw\nAlles over één melding, met wat er gebeurd is: /melding 2');
      expect(two!.text).not.toContain('Containers aan de straat');
    }
    // Asked in the group: the private one's text goes by DM only.
    const inGroup = await h.fake.say(bram, 'gA1', '@bot hoe staat het met mijn melding?');
    expect(inGroup.map((s) => s.toUser)).toEqual(['u-bram']);
    expect(inGroup[0]!.text).toContain('de lift doet het niet');
    expect(h.fake.inChat('gA1').filter((s) => s.text.includes('de lift'))).toEqual([]);
    // Unaddressed in the group it is the neighbours' talk.
    expect(await h.fake.say(bram, 'gA1', 'hoe staat het met mijn melding eigenlijk')).toEqual([]);
  });

  it('in English, with plural rules, and a long list cut short', async () => {
    const [none] = await h.fake.say(chloe, 'dm:u-chloe', 'any news on my report?');
    expect(none!.text).toBe('You have no open reports. Something broken or dirty? Tell me, for example "the light in hall B is broken", or use /report.');
    for (let i = 1; i <= 7; i++) await open(chloe.id, `bench ${i} is broken`, 'public');
    const [many] = await h.fake.say(chloe, 'dm:u-chloe', 'what\'s the status of my report?');
    const lines = many!.text.split('\n');
    expect(lines[0]).toBe('You have 7 open reports:');
    expect(lines.slice(1, 6)).toEqual([11, 10, 9, 8, 7].map((n) => `• #${n} · Maintenance: bench ${n - 4} is broken — new`));
    expect(lines.slice(6)).toEqual(['… and 2 more reports: see /reports.', 'All about one report, with what happened: /showreport 11']);
  });

  it('with a number the answer is /melding\'s, under the same rules on who may see it', async () => {
    for (const asked of ['hoe staat het met melding 2', 'hoe staat het met melding #2?']) {
      const [shown] = await h.fake.say(bram, 'dm:u-bram', asked);
      expect(shown!.text, asked).toBe((await h.fake.say(bram, 'dm:u-bram', '/melding 2'))[0]!.text);
      expect(shown!.text.split('\n').slice(0, 2)).toEqual(['#2 · Onderhoud: de lift doet het niet', 'Status: bij de corporatie · geen "ik ook"']);
    }
    // Daan's private #4 is not Chloé's to see; an unknown number is said as /melding says it.
    expect((await h.fake.say(chloe, 'dm:u-chloe', 'status of report 4'))[0]!.text).toBe('I do not know report #4. See /reports.');
    expect((await h.fake.say(chloe, 'dm:u-chloe', 'any update on report #99?'))[0]!.text).toBe('I do not know report #99. See /reports.');
    // A private report asked after in the group is answered by DM, as /melding does.
    const inGroup = await h.fake.say(bram, 'gA1', '@bot hoe staat het met melding 2?');
    expect(inGroup.map((s) => [s.toUser, s.text.split('\n')[0]])).toEqual([['u-bram', '#2 · Onderhoud: de lift doet het niet']]);
  });

  it('a question after one\'s reports is no answer to the draft\'s "where is it?"', async () => {
    await h.fake.say(daan, 'dm:u-daan', 'de verlichting in de hal is uit');
    await h.fake.pressLabel(daan, 'dm:u-daan', 'Onderhoud');
    const [status] = await h.fake.say(daan, 'dm:u-daan', 'hoe staat het met mijn melding?');
    expect(status!.text.split('\n')[0]).toBe('Je hebt 1 open melding:');
    const [draft] = (await drafts()).filter((d) => d.personId === ids.get(daan.id));
    expect(draft).toMatchObject({ awaiting: 'location', location: null });
  });
});
