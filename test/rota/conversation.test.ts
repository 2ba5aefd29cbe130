import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anna, bram, chloe, createHarness, type Harness } from '../support/harness.js';
import { toRRule, cronSchedule } from '../../src/rota/recurrence.js';
import { matchTasks } from '../../src/rota/match.js';
import { addTasks, GROUP, linkedComplex, task } from './setup.js';

describe('conversation quality through the real bot', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ now: new Date('2026-11-23T08:00:00Z') });
    const complexId = await linkedComplex(h);
    await addTasks(h, complexId, [task('Tuin bijhouden', 'elke 2 weken op zaterdag'), task('Containers buiten zetten', 'elke maandag', { aliases: ['kliko'] }),
      task('Trappenhuis A vegen', 'elke zaterdag', { area: 'Trappenhuis A' })]);
    h.clock.now = new Date('2026-12-02T10:00:00Z');
  });
  afterAll(async () => { await h.close(); });

  it('addressed text no handler takes gets what the bot can do, with buttons; group chatter stays silent', async () => {
    const [hi] = await h.fake.say(bram, GROUP, '@bot hallo');
    expect(hi!.text).toContain('Hallo Bram!');
    expect(hi!.text).toContain('Dit kan ik hier voor je doen:');
    // Loans, then reports, then the rota in the capability list: their quick actions in that order.
    expect(hi!.buttons.flat().map((b) => b.action)).toEqual(['loan:list', 'rep:new', 'rota:view', 'rota:mine']);
    expect(hi!.text).toContain('Sleutels en gereedschap: lenen, terugbrengen of vragen wie iets heeft.');
    expect(hi!.text).toContain('Iets kapot of vies? Zeg het me');
    const [en] = await h.fake.say(chloe, `dm:${chloe.id}`, 'what can you do?');
    expect(en!.text).toContain('This is what I can do for you here:');
    expect(en!.text).not.toContain('I could not place that.');
    const [help] = await h.fake.say(bram, GROUP, '@bot help');
    expect(help!.text.startsWith('Dit kan ik hier voor je doen:')).toBe(true);
    const [odd] = await h.fake.say(bram, `dm:${bram.id}`, 'blauwe bananen');
    expect(odd!.text.startsWith('Dat kan ik niet plaatsen.\nDit kan ik hier voor je doen:')).toBe(true);
    // Thanks and an "ok" after an answer get a short reply, not the whole list again.
    for (const said of ['@bot bedankt!', '@bot dank je wel', '@bot Dankjewel 🙏']) expect((await h.fake.say(bram, GROUP, said)).map((m) => m.text)).toEqual(['Graag gedaan! 🙂']);
    expect((await h.fake.say(chloe, `dm:${chloe.id}`, 'Thanks a lot!')).map((m) => m.text)).toEqual(['You are welcome! 🙂']);
    for (const said of ['oké', 'Top!', '👍']) expect((await h.fake.say(bram, `dm:${bram.id}`, said)).map((m) => m.text)).toEqual(['👍']);
    // In the group, unaddressed, it stays neighbours' talk.
    expect(await h.fake.say(bram, GROUP, 'bedankt allemaal!')).toEqual([]);
    // A new task or an announcement asked for in words: the guided flow for a coordinator, who does it for a resident.
    expect((await h.fake.say(bram, GROUP, '@bot maak een nieuwe taak ramen wassen elke maand')).map((m) => m.text)).toEqual([
      'Nieuwe taken zet een coördinator op het rooster (met /taak nieuw). Vraag "wie zijn de coördinatoren?" als je niet weet wie dat is.',
    ]);
    const [flow] = await h.fake.say(anna, `dm:${anna.id}`, 'ik wil een nieuwe taak toevoegen');
    expect(flow!.text).toMatch(/stap 1/);
    expect((await h.fake.say(anna, `dm:${anna.id}`, 'stop')).map((m) => m.text)).toEqual(['Oké, gestopt. Er is niets opgeslagen.']);
    expect((await h.fake.say(anna, GROUP, '@bot kun je een mededeling sturen dat de glasbak morgen geleegd wordt?')).map((m) => m.text)[0])
      .toMatch(/^Een mededeling aan alle chats van het complex stuur je met \/mededeling en de tekst/);
    expect((await h.fake.say(chloe, `dm:${chloe.id}`, 'can you make an announcement?')).map((m) => m.text)[0]).toMatch(/^Announcements to all chats are sent by a coordinator/);
    // One's own share asked in words: what /mijnbijdrage answers.
    const [points] = await h.fake.say(bram, `dm:${bram.id}`, 'hoeveel punten heb ik?');
    expect(points!.text).toMatch(/^Jouw bijdrage in de afgelopen 90 dagen: \d+ beurt/);
    const [share] = await h.fake.say(chloe, `dm:${chloe.id}`, 'how many turns have I done?');
    expect(share!.text).toMatch(/^Your contribution over the last 90 days: /);
    // A problem told to the bot becomes a report (the reports capability asks what it is about).
    const [lamp] = await h.fake.say(bram, `dm:${bram.id}`, 'de lamp in trappenhuis A is kapot');
    expect(lamp!.text).toBe('Waar gaat het over?');
    const [task] = await h.fake.say(bram, `dm:${bram.id}`, 'iets over trappenhuis A');
    expect(task!.text).toContain('Ik zag de taak Trappenhuis A vegen');
    expect(await h.fake.say(bram, GROUP, 'hallo allemaal')).toEqual([]);
    // News in the group about a turn that is not yours is for the neighbours.
    expect(await h.fake.say(bram, GROUP, 'Let op: trappenhuis A is net geveegd, nog nat!')).toEqual([]);
    // A task with no turn in the asked days: its coming turns, with their dates.
    const [week] = await h.fake.say(bram, `dm:${bram.id}`, 'wie doet de containers deze week?');
    expect(week!.text).toContain('Zo staat Containers buiten zetten op het rooster:');
    expect(week!.text).toContain('ma 7 dec');
    // About one's own turn without naming the task: with none, a plain answer rather than a list of tasks.
    const [none] = await h.fake.say(chloe, `dm:${chloe.id}`, 'can someone take over my turn?');
    expect(none!.text).toBe('You have no turns right now. See /rota for open ones.');
    const [rota] = await h.fake.press(bram, GROUP, 'rota:view');
    expect(rota!.text).toContain('Rooster tot en met');
  });

  it('dates: numeric, impossible ones named back, and the nearest turns instead of a dead end', async () => {
    const [on] = await h.fake.say(bram, `dm:${bram.id}`, 'ik doe de tuin op 12-12');
    expect(on!.text).toContain('Tuin bijhouden, za 12 dec');
    const [feb] = await h.fake.say(bram, `dm:${bram.id}`, 'ik doe de tuin op 31 februari');
    expect(feb!.text).toBe('31 februari bestaat niet. Welke datum bedoel je?');
    const [none] = await h.fake.say(bram, `dm:${bram.id}`, 'ik doe de tuin op 19-12');
    expect(none!.text).toBe('Op za 19 dec is er geen open beurt van Tuin bijhouden. Deze zijn er wel:');
    expect(none!.buttons.flat().map((b) => b.label)).toContain('Tuin bijhouden, za 12 dec 10:00');
    const [as] = await h.fake.say(bram, `dm:${bram.id}`, 'ik kan a.s. zaterdag de trap wel doen');
    expect(as!.text).toContain('Trappenhuis A vegen, za 5 dec');
    const [kliko] = await h.fake.say(bram, `dm:${bram.id}`, "doe de kliko's wel maandag");
    expect(kliko!.text).toContain('Containers buiten zetten, ma 7 dec');
  });

  it('done only from the turn\'s day on', async () => {
    const [ask] = await h.fake.say(bram, `dm:${bram.id}`, 'ik doe de trap zaterdag');
    await h.fake.press(bram, `dm:${bram.id}`, ask!.buttons[0]![0]!.action);
    const [early] = await h.fake.say(bram, `dm:${bram.id}`, 'trap is klaar');
    expect(early!.text).toContain('is nog niet aan de beurt');
    h.clock.now = new Date('2026-12-05T12:00:00Z');
    const [ok] = await h.fake.say(bram, `dm:${bram.id}`, 'trap is klaar');
    expect(ok!.text).toContain('als gedaan melden');
    void anna;
  });
});

describe('one schedule grammar, aliases and abbreviations (deciders)', () => {
  it('cron and start dates', () => {
    expect(cronSchedule('0 10 1 * *')).toEqual({ rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', time: '10:00' });
    expect(cronSchedule('30 9 * * 6')).toEqual({ rrule: 'FREQ=WEEKLY;BYDAY=SA', time: '09:30' });
    expect(cronSchedule('0 10 1 * 1')).toBeNull();
    expect(toRRule('0 10 1 * *')).toBe('FREQ=MONTHLY;BYMONTHDAY=1');
    expect(toRRule('elke 2 weken op zaterdag vanaf 12 december')).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=SA');
  });
  it('abbreviations and stop words are no task letters', () => {
    const tasks = [{ id: 1, name: 'Trappenhuis A vegen', area: null }, { id: 2, name: 'Trappenhuis B vegen', area: null }];
    const top = (text: string) => matchTasks(text, tasks).map((m) => m.score);
    const [a, b] = top('ik kan a.s. zaterdag de trap wel doen');
    expect(a).toBe(b);
    expect(matchTasks('I can take a turn on the stairs b', tasks)[0]!.taskId).toBe(2);
  });
});
