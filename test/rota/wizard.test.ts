import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { pendingActions, rotaOccurrences, rotaTasks } from '../../src/db/schema/index.js';
import { anna, bram, chloe, createHarness, type Harness } from '../support/harness.js';
import { GROUP, linkedComplex } from './setup.js';

/** The guided /taak nieuw: step by step with buttons, typed answers taken from the coordinator only. */
describe('guided task creation', () => {
  let h: Harness;
  let complexId: number;
  beforeAll(async () => {
    h = await createHarness();
    complexId = await linkedComplex(h);
  });
  afterAll(async () => { await h.close(); });

  it('a coordinator creates a task step by step; a wrong recurrence is asked again; others are not taken as answers', async () => {
    const [ask] = await h.fake.say(anna, GROUP, '/taak nieuw');
    expect(ask!.text).toBe('Nieuwe taak, stap 1 van 6.\nHoe heet de taak? Beantwoord dit bericht met de naam, bijvoorbeeld: Trappenhuis A vegen');
    expect(ask!.buttons.flat().map((b) => b.label)).toEqual(['Annuleren']);

    // Bram's message in the middle is not the name; the flow still waits for Anna.
    await h.fake.say(bram, GROUP, 'Fietsenstalling opruimen');
    expect(h.fake.inChat(GROUP).some((s) => s.text.includes('Fietsenstalling'))).toBe(false);

    const [rule] = await h.fake.say(anna, GROUP, '@bot Tuin harken');
    expect(rule!.text).toContain('Hoe vaak moet "Tuin harken" gebeuren?');
    expect(rule!.buttons.flat().map((b) => b.label)).toEqual(
      ['Elke zaterdag', 'Elke zondag', 'Elke 2 weken op zaterdag', 'Eerste zaterdag van de maand', 'Anders…', 'Annuleren']);

    const [typing] = await h.fake.pressLabel(anna, GROUP, 'Anders…');
    expect(typing!.edited).toBe(true);
    expect(typing!.text).toContain('Beantwoord dit bericht met hoe vaak, bijvoorbeeld');
    const [bad] = await h.fake.say(anna, GROUP, 'af en toe');
    expect(bad!.text).toBe('Ik begrijp "af en toe" niet als herhaling.\nNieuwe taak, stap 2 van 6.\n'
      + 'Beantwoord dit bericht met hoe vaak, bijvoorbeeld: elke maandag, elke 2 weken op vrijdag, laatste zaterdag van de maand, elke maand op de 15e.');
    const [time] = await h.fake.say(anna, GROUP, 'om de week op zaterdag');
    expect(time!.text).toContain('Hoe laat?');
    expect(time!.buttons[0]!.map((b) => b.label)).toEqual(['09:00', '10:00', '12:00', '19:00']);

    await h.fake.pressLabel(anna, GROUP, 'Anders…');
    const [badTime] = await h.fake.say(anna, GROUP, '25:00');
    expect(badTime!.text).toContain('"25:00" is geen tijd die ik ken.');
    const [people] = await h.fake.say(anna, GROUP, '9.45');
    expect(people!.text).toContain('Met hoeveel mensen tegelijk?');
    const [points] = await h.fake.pressLabel(anna, GROUP, '2');
    expect(points!.edited).toBe(true);
    expect(points!.text).toContain('Hoeveel punten');
    // The people question was replaced: its old buttons no longer answer it.
    const stale = people!.buttons[0]![0]!.action;
    const [twice] = await h.fake.press(anna, GROUP, stale, people!.messageId);
    expect(twice!.text).toBe('Deze vraag is al beantwoord.');

    const [preview] = await h.fake.say(anna, GROUP, '3');
    expect(preview!.text).toBe('Nieuwe taak, stap 6 van 6.\n• Tuin harken — elke 2 weken op zaterdag, 09:45, 60 min, 2 pers., 3 punten\n'
      + 'Klopt dit? Druk op Opslaan, dan komt de taak op het rooster.');
    expect(await h.database.db.select().from(rotaTasks)).toHaveLength(0);

    // A resident cannot press the coordinator's buttons.
    const [refused] = await h.fake.press(bram, GROUP, preview!.buttons[0]![0]!.action, preview!.messageId);
    expect(refused!.text).toContain('Dit kan alleen een coördinator');

    const [saved] = await h.fake.pressLabel(anna, GROUP, 'Opslaan');
    expect(saved!.text).toBe('Taak Tuin harken toegevoegd. Zie /rooster.');
    const [task] = await h.database.db.select().from(rotaTasks);
    expect(task).toMatchObject({ complexId, name: 'Tuin harken', rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SA', timeOfDay: '09:45', people: 2, points: 3, paused: false });
    const occs = await h.database.db.select().from(rotaOccurrences).where(eq(rotaOccurrences.taskId, task!.id)).orderBy(rotaOccurrences.dueAt);
    expect(occs.length).toBeGreaterThanOrEqual(3);
    // 09:45 in Amsterdam in winter is 08:45 UTC; every other Saturday.
    expect(occs.every((o) => o.dueAt.getUTCDay() === 6 && o.dueAt.getUTCHours() === 8 && o.dueAt.getUTCMinutes() === 45 && o.people === 2)).toBe(true);
    expect(occs[1]!.dueAt.getTime() - occs[0]!.dueAt.getTime()).toBe(14 * 86_400_000);

    // Finished: Anna's next message is hers again, not an answer.
    const after = await h.fake.say(anna, GROUP, 'Tuin harken');
    expect(after.some((s) => s.text.includes('stap'))).toBe(false);
    const [list] = await h.fake.say(bram, GROUP, '/taak');
    expect(list!.text).toContain('• Tuin harken — elke 2 weken op zaterdag, 09:45');
  });

  it('a resident cannot start it; Cancel and /annuleer leave nothing', async () => {
    const [refused] = await h.fake.say(bram, GROUP, '/taak nieuw');
    expect(refused!.text).toContain('Dit kan alleen een coördinator');
    const before = await h.database.db.select().from(rotaTasks);

    await h.fake.say(anna, GROUP, '/taak nieuw');
    await h.fake.say(anna, GROUP, 'Ramen lappen');
    await h.fake.pressLabel(anna, GROUP, 'Elke zondag');
    const [cancelled] = await h.fake.pressLabel(anna, GROUP, 'Annuleren');
    expect(cancelled!.text).toBe('Gestopt. Er is niets opgeslagen.');
    expect(cancelled!.edited).toBe(true);
    const quiet = await h.fake.say(anna, GROUP, '10:00');
    expect(quiet.some((s) => s.text.includes('stap'))).toBe(false);

    await h.fake.say(anna, GROUP, '/taak nieuw');
    const [stopped] = await h.fake.say(anna, GROUP, '/annuleer');
    expect(stopped!.text).toBe('Oké, gestopt. Er is niets opgeslagen.');
    const [nothing] = await h.fake.say(anna, GROUP, '/annuleer');
    expect(nothing!.text).toBe('Er loopt hier niets om te stoppen.');
    expect(await h.database.db.select().from(rotaTasks)).toEqual(before);
    const open = await h.database.db.select().from(pendingActions).where(eq(pendingActions.action, 'rota.wizard'));
    expect(open.every((p) => p.used)).toBe(true);
  });

  it('an expired flow says so, for a typed answer and for a button', async () => {
    await h.fake.say(anna, GROUP, '/taak nieuw');
    h.clock.now = new Date(h.clock.now.getTime() + 31 * 60_000);
    const [expired] = await h.fake.say(anna, GROUP, 'Kelder vegen');
    expect(expired!.text).toBe('De vragen voor de nieuwe taak zijn verlopen (na 30 minuten). Begin opnieuw met /taak nieuw.');
    const again = await h.fake.say(anna, GROUP, 'Kelder vegen');
    expect(again.some((s) => s.text.includes('verlopen'))).toBe(false);

    await h.fake.say(anna, GROUP, '/taak nieuw');
    const [rule] = await h.fake.say(anna, GROUP, 'Kelder vegen');
    h.clock.now = new Date(h.clock.now.getTime() + 45 * 60_000);
    const [late] = await h.fake.press(anna, GROUP, rule!.buttons[0]![0]!.action, rule!.messageId);
    expect(late!.text).toContain('verlopen');
    expect((await h.database.db.select().from(rotaTasks)).some((t) => t.name === 'Kelder vegen')).toBe(false);
  });

  it('three presses of Save at once save one task (real PostgreSQL settles it)', async () => {
    await h.fake.say(anna, GROUP, '/taak nieuw');
    await h.fake.say(anna, GROUP, 'Zolder opruimen');
    await h.fake.pressLabel(anna, GROUP, 'Elke zaterdag');
    await h.fake.pressLabel(anna, GROUP, '10:00');
    await h.fake.pressLabel(anna, GROUP, '1');
    const [preview] = await h.fake.pressLabel(anna, GROUP, '1');
    const save = preview!.buttons[0]![0]!;
    expect(save.label).toBe('Opslaan');
    const before = h.fake.sent.length;
    await Promise.all([1, 2, 3].map(() => h.fake.press(anna, GROUP, save.action, preview!.messageId)));
    // The fake's per-call slices overlap when calls run at once, so read everything sent since.
    const results = h.fake.sent.slice(before).map((s) => s.text);
    expect(results.filter((t) => t === 'Taak Zolder opruimen toegevoegd. Zie /rooster.')).toHaveLength(1);
    expect(results.filter((t) => t === 'Deze vraag is al beantwoord.')).toHaveLength(2);
    expect((await h.database.db.select().from(rotaTasks)).filter((t) => t.name === 'Zolder opruimen')).toHaveLength(1);
  });

  it('in English (her own chat with the bot), with an RRULE typed as the recurrence, shown in plain words', async () => {
    h.fake.group(GROUP, 'Bewoners De Linde', [anna]);
    await h.fake.say(anna, GROUP, `/coordinator @chloe`);
    const [ask] = await h.fake.say(chloe, 'dm:u-chloe', '/task new');
    expect(ask!.text).toContain('What is the task called?');
    await h.fake.say(chloe, 'dm:u-chloe', 'Bin day');
    await h.fake.pressLabel(chloe, 'dm:u-chloe', 'Other…');
    await h.fake.say(chloe, 'dm:u-chloe', 'FREQ=MONTHLY;BYDAY=-1SA');
    await h.fake.pressLabel(chloe, 'dm:u-chloe', '19:00');
    await h.fake.pressLabel(chloe, 'dm:u-chloe', '1');
    const [preview] = await h.fake.pressLabel(chloe, 'dm:u-chloe', '1');
    expect(preview!.text).toContain('• Bin day — last Saturday of the month, 19:00, 60 min, 1 person, 1 point');
    const [saved] = await h.fake.pressLabel(chloe, 'dm:u-chloe', 'Save');
    expect(saved!.text).toBe('Task Bin day added. See /rota.');
  });

  it('works in a direct chat with the bot too, and a flow in the group does not take DM messages', async () => {
    const dm = `dm:${anna.id}`;
    await h.fake.say(anna, GROUP, '/taak nieuw');
    await h.fake.say(anna, dm, '/taak nieuw');
    const [rule] = await h.fake.say(anna, dm, 'Glasbak legen');
    expect(rule!.chatId).toBe(dm);
    expect(rule!.text).toContain('Hoe vaak moet "Glasbak legen"');
    await h.fake.pressLabel(anna, dm, 'Elke zondag');
    await h.fake.pressLabel(anna, dm, '12:00');
    await h.fake.pressLabel(anna, dm, '3');
    await h.fake.pressLabel(anna, dm, '2');
    const [saved] = await h.fake.pressLabel(anna, dm, 'Opslaan');
    expect(saved!.text).toBe('Taak Glasbak legen toegevoegd. Zie /rooster.');
    // The group flow still waits at its first question.
    const [groupRule] = await h.fake.say(anna, GROUP, 'Fietsen ordenen');
    expect(groupRule!.text).toContain('Hoe vaak moet "Fietsen ordenen"');
    await h.fake.say(anna, GROUP, '/annuleer');
  });
});
