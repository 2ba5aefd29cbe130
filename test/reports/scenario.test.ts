import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anna, bram, chloe, daan, type Harness } from '../support/harness.js';
import type { Sent } from '../support/fake-platform.js';
import { PlatformError } from '../../src/platform.js';
import { liaisonUser, seedCorporation } from '../support/complex-kit.js';
import { loggedHarness, reportRow, trail } from './kit.js';

const GROUPS = ['gA1', 'gA2', 'gB'];
const lotte = liaisonUser;
/** Where a message went: the user of a DM, else the chat. */
const who = (s: Sent): string => s.toUser ?? s.chatId.replace(/^dm:/, '');

/**
 * Reports through the fake platform on real PostgreSQL: a private report by DM with a photo goes all
 * the way to the corporation and back; a nuisance report started in a group continues privately; a
 * public one gets a "me too" from a neighbour who was about to report the same. Everything the bot
 * sent to a group and everything it logged is checked for private details at the end.
 */
describe('reports: reporting, triage, the liaison and "is it fixed?"', () => {
  let h: Harness & { logLines: string[]; tick(): Promise<void> };
  let complexA: number;
  beforeAll(async () => {
    h = await loggedHarness(new Date('2026-12-01T09:00:00Z'));
    ({ complexA } = await seedCorporation(h, { a: [anna, bram, chloe, daan], coordinatorsA: [anna], liaison: lotte }));
  });
  afterAll(async () => { await h.close(); });

  it('a private report by DM with a photo: escalated, acknowledged, question and answer, resolved, "not fixed" reopens it', { timeout: 60_000 }, async () => {
    const [ask] = await h.fake.say(bram, 'dm:u-bram', 'de lamp in hal B is kapot', { attachments: [{ kind: 'photo', fileId: 'tg-photo-1' }] });
    expect(ask!.text).toBe('Waar gaat het over?');
    expect(ask!.buttons.flat().map((b) => b.label)).toEqual(['Schoonmaak', 'Tuin', 'Onderhoud', 'Overlast', 'Veiligheid', 'Aannemer', 'Overig']);
    expect((await h.fake.pressLabel(bram, 'dm:u-bram', 'Onderhoud'))[0]!.text).toBe('Waar is het? Typ het (bv. "hal B") of kies.');
    const [vis] = await h.fake.say(bram, 'dm:u-bram', 'hal B');
    expect(vis!.buttons.flat().map((b) => b.label)).toEqual(['Privé', 'Groep mag het zien']);
    const filed = await h.fake.pressLabel(bram, 'dm:u-bram', 'Privé');
    expect(filed.map((s) => `${who(s)}: ${s.text}`)).toEqual([
      'u-bram: ✅ Dank je! Melding #1 staat erin, privé: alleen de coördinatoren zien hem.\n#1 · Onderhoud · hal B: de lamp in hal B is kapot',
      'u-anna: 📥🔒 Nieuwe privémelding:\n#1 · Onderhoud · hal B: de lamp in hal B is kapot',
    ]);
    expect(filed[1]!.message.photoFileId).toBe('tg-photo-1');

    // The coordinator escalates from her DM; the liaison chat gets details, photo, count, history and buttons.
    const escalated = await h.fake.pressLabel(anna, 'dm:u-anna', 'Naar corporatie');
    const toLiaison = escalated.find((s) => s.chatId === 'liaison')!;
    expect(toLiaison.text).toMatch(/^🏢 Melding uit De Linde voor de corporatie:\n#1 · Onderhoud · hal B: de lamp in hal B is kapot\nNog geen "ik ook"\.\nGeschiedenis:\n• .* nieuw \(Bram Jansen\)\n• .* bij de corporatie \(Anna de Vries\)$/);
    expect(toLiaison.message.photoFileId).toBe('tg-photo-1');
    expect(toLiaison.buttons.flat().map((b) => b.label)).toEqual(['Gezien ✓', 'In behandeling', 'Meer info nodig', 'Opgelost', 'Niet van ons']);
    expect(escalated.find((s) => s.toUser === 'u-bram')!.text).toContain('Melding #1 is nu: bij de corporatie.');

    await h.fake.pressLabel(lotte, 'liaison', 'Gezien');
    expect(h.fake.dmsTo('u-bram').at(-1)!.text).toContain('De corporatie heeft melding #1 gezien en pakt hem op.');

    // Need information: the liaison's question goes to the reporter, whose answer comes back.
    expect((await h.fake.pressLabel(lotte, 'liaison', 'Meer info nodig'))[0]!.text).toBe('Wat wil je de melder van #1 vragen? Typ je vraag.');
    const asked = await h.fake.say(lotte, 'liaison', '@bot Welke lamp precies?');
    expect(asked.map((s) => `${who(s)}: ${s.text.split('\n')[0]}`)).toEqual([
      'liaison: Je vraag is naar de melder van #1 gestuurd. Het antwoord komt hier.',
      'u-bram: ❓ De corporatie vraagt over je melding #1: Welke lamp precies?',
    ]);
    const answered = await h.fake.say(bram, 'dm:u-bram', 'De lamp boven de brievenbussen');
    expect(answered.map((s) => `${who(s)}: ${s.text.split('\n')[0]}`)).toEqual([
      'u-bram: Dank je, je antwoord is doorgestuurd (#1).',
      'liaison: 💬 Antwoord van de melder op #1: De lamp boven de brievenbussen',
    ]);
    expect((await reportRow(h, complexA, 1)).waitingSince).toBeNull();

    // Resolved with a note.
    await h.fake.pressLabel(lotte, 'liaison', 'Opgelost');
    const resolved = await h.fake.say(lotte, 'liaison', '@bot Lamp vervangen');
    expect(resolved.find((s) => s.toUser === 'u-bram')!.text.split('\n')[0]).toBe('Melding #1 is nu: opgelost. Toelichting: Lamp vervangen');
    expect(resolved.find((s) => s.toUser === 'u-anna')).toBeDefined();

    // A day later the reporter is asked whether it is fixed; "no" reopens it and the liaison hears again.
    h.clock.now = new Date('2026-12-01T10:00:00Z');
    await h.tick();
    h.clock.now = new Date('2026-12-02T10:00:00Z');
    await h.tick();
    const question = h.fake.dmsTo('u-bram').at(-1)!;
    expect(question.text.split('\n')[0]).toBe('Is melding #1 echt verholpen?');
    const reopened = await h.fake.pressLabel(bram, 'dm:u-bram', 'Nee, nog niet');
    expect(reopened[0]!.text).toBe('Jammer. Melding #1 staat weer open en is opnieuw doorgegeven.');
    const again = reopened.find((s) => s.chatId === 'liaison')!;
    expect(again.text.split('\n')[0]).toBe('🔁 De melder zegt dat dit nog niet verholpen is (De Linde):');
    expect(again.buttons.flat().map((b) => b.label)).toContain('Opgelost');
    // A second tick asks nothing again.
    const before = h.fake.dmsTo('u-bram').length;
    await h.tick();
    expect(h.fake.dmsTo('u-bram').length).toBe(before);

    const r = await reportRow(h, complexA, 1);
    expect(r).toMatchObject({ state: 'escalated', heldBy: 'corporation', round: 2, visibility: 'private', source: 'direct', photoFileId: 'tg-photo-1' });
    expect(await trail(h, r.id)).toEqual([
      'new→new open (reporter)',
      'new→escalated escalate (coordinator)',
      'escalated→escalated acknowledge (liaison)',
      'escalated→escalated ask (liaison): Welke lamp precies?',
      'escalated→escalated answer (reporter): De lamp boven de brievenbussen',
      'escalated→resolved resolve (liaison): Lamp vervangen',
      'resolved→escalated reopen (reporter)',
    ]);
  });

  it('a nuisance report started in the group continues by DM; the group sees no word of it', async () => {
    const [question] = await h.fake.say(chloe, 'gA1', '/meld De buren op 3 hoog maken elke nacht herrie');
    expect(question!.chatId).toBe('gA1');
    expect(question!.text).toBe('Waar gaat het over?');
    // Only the reporter answers her own questions.
    expect((await h.fake.pressLabel(bram, 'gA1', 'Overlast'))[0]!.text).toBe('Deze vraag is voor degene die de melding maakt.');
    const moved = await h.fake.pressLabel(chloe, 'gA1', 'Overlast');
    expect(moved.map((s) => `${who(s)}: ${s.text}`)).toEqual([
      'gA1: 🔒 Dit handel ik privé met je af; kijk in je privéchat met mij.',
      'u-chloe: Where is it? Type it (e.g. "hall B") or choose.',
    ]);
    const filed = await h.fake.say(chloe, 'dm:u-chloe', '3 hoog');
    expect(filed.map((s) => who(s))).toEqual(['u-chloe', 'u-anna']);
    expect(filed[0]!.text).toBe('✅ Thank you! Report #2 is in, privately: only the coordinators see it.\n#2 · Nuisance · 3 hoog: De buren op 3 hoog maken elke nacht herrie');
    // A delivery that fails on the way is retried from the outbox (and logged — without the report).
    h.fake.failWith.push(new PlatformError('bad gateway', 'transient'));
    const two = await reportRow(h, complexA, 2);
    expect(await h.fake.press(anna, 'dm:u-anna', `rep:t:${two.id}:acknowledge`)).toHaveLength(1);
    h.clock.now = new Date(h.clock.now.getTime() + 60_000);
    await h.flush();
    expect(h.fake.dmsTo('u-chloe').at(-1)!.text.split('\n')[0]).toBe('Report #2 is now: acknowledged.');
  });

  it('a public report in the group; a neighbour about to report the same is offered "me too" first', async () => {
    await h.fake.say(daan, 'gA1', '@bot de deur van de fietsenstalling is kapot');
    await h.fake.pressLabel(daan, 'gA1', 'Onderhoud');
    const filed = await h.fake.pressLabel(daan, 'gA1', 'Overslaan');
    expect(filed.map((s) => `${who(s)}: ${s.text.split('\n')[0]}`)).toEqual([
      'gA1: ✅ Dank je! Melding #3 staat erin.',
      'gA1: 📣 Nieuwe melding. Heb je er ook last van? Druk op "Ik ook".',
      'gA2: 📣 Nieuwe melding. Heb je er ook last van? Druk op "Ik ook".',
      'u-anna: 📥 Nieuwe melding:',
    ]);
    const [offer] = await h.fake.say(bram, 'dm:u-bram', 'De deur van de fietsenstalling is weer kapot');
    expect(offer!.text).toBe('Is het een van deze meldingen? Dan tel ik je mee.\n#3 · Onderhoud: de deur van de fietsenstalling is kapot');
    const [counted] = await h.fake.pressLabel(bram, 'dm:u-bram', 'Ik ook: #3');
    expect(counted!.text).toBe('🙋 Je bent meegeteld bij #3 (1 persoon ook).');
    expect(await h.fake.press(bram, 'gA1', `rep:mt:${(await reportRow(h, complexA, 3)).id}`)).toMatchObject([{ text: 'Je had al "ik ook" gezegd bij #3.' }]);
    expect((await reportRow(h, complexA, 3)).meToo).toBe(1);
    // The posts in both groups show the count: edited through the outbox, like an announcement's read count.
    await h.flush();
    const posts = h.fake.sent.filter((s) => s.text.startsWith('📣 Nieuwe melding') && s.text.includes('#3 ·'));
    const [first, edits] = [posts.filter((p) => !p.edited), posts.filter((p) => p.edited)];
    expect(first.map((p) => [who(p), p.buttons.flat().map((b) => b.label)])).toEqual([['gA1', ['Ik ook 🙋']], ['gA2', ['Ik ook 🙋']]]);
    // (The fake records an edit as a new entry with the edited message's id.)
    expect(edits.map((p) => [who(p), p.messageId, p.buttons.flat().map((b) => b.label)])).toEqual(
      first.map((p) => [who(p), p.messageId, ['Ik ook 🙋 (1)']]));

    // The group list shows public reports only; the coordinator's DM shows all.
    const [groupList] = await h.fake.say(bram, 'gA1', '/meldingen');
    // Bram's own private report #1 is not listed in the group, only counted.
    expect(groupList!.text).toBe('Open meldingen:\n• #3 · Onderhoud: de deur van de fietsenstalling is kapot — nieuw, 1 × ik ook\n'
      + '1 privémelding staat niet in de groep; vraag /meldingen in je privéchat met mij.');
    const [all] = await h.fake.say(anna, 'dm:u-anna', '/meldingen');
    expect(all!.text.split('\n')).toHaveLength(4);
    expect((await h.fake.say(bram, 'dm:u-bram', '/melding 2'))[0]!.text).toBe('Melding #2 ken ik niet. Zie /meldingen.');
  });

  it('bad input: empty and overlong text, unknown numbers, actions on closed reports — clear answers, nothing changes', async () => {
    expect((await h.fake.say(bram, 'dm:u-bram', `/meld ${'x'.repeat(1001)}`))[0]!.text).toBe('Dat is te lang: hooguit 1.000 tekens.');
    expect((await h.fake.say(bram, 'dm:u-bram', '/melding 99'))[0]!.text).toBe('Melding #99 ken ik niet. Zie /meldingen.');
    expect((await h.fake.say(bram, 'dm:u-bram', '/melding abc'))[0]!.text).toBe('Gebruik: /melding <nummer>, bv. /melding 3');
    const draftId = (await h.fake.say(bram, 'dm:u-bram', '/meld'))[0]!;
    expect(draftId.text).toBe('Wat is er aan de hand? Beschrijf het in een zin.');
    expect((await h.fake.say(bram, 'dm:u-bram', '   '))[0]?.text).not.toContain('Dank je');
    const [cat] = await h.fake.say(bram, 'dm:u-bram', 'het hek is kapot');
    const action = cat!.buttons.flat()[0]!.action.replace(/:cat:.*/, ':cat:volcano');
    expect((await h.fake.press(bram, 'dm:u-bram', action))[0]!.text).toBe('Categorie "volcano" ken ik niet. Kies een van de knoppen.');
    const three = await reportRow(h, complexA, 3);
    await h.fake.press(anna, 'dm:u-anna', `rep:t:${three.id}:reject`);
    await h.fake.say(anna, 'dm:u-anna', 'Is al gemeld bij de gemeente');
    expect((await reportRow(h, complexA, 3)).state).toBe('rejected');
    expect((await h.fake.press(anna, 'dm:u-anna', `rep:t:${three.id}:acknowledge`))[0]!.text).toBe('Dat kan nu niet: de melding is afgewezen.');
    expect((await h.fake.press(bram, 'gA1', `rep:mt:${three.id}`))[0]!.text).toBe('Deze melding is al gesloten.');
    expect(await trail(h, three.id)).toEqual(['new→new open (reporter)', 'new→rejected reject (coordinator): Is al gemeld bij de gemeente']);
  });

  it('handled within the group: the coordinator picks the neighbour who does it', async () => {
    await h.fake.say(daan, 'gA1', '/meld de bel van portiek 2 doet het niet');
    await h.fake.pressLabel(daan, 'gA1', 'Onderhoud');
    await h.fake.pressLabel(daan, 'gA1', 'Overslaan');
    const four = await reportRow(h, complexA, 4);
    const started = await h.fake.press(anna, 'dm:u-anna', `rep:t:${four.id}:start`);
    const question = started.find((s) => s.text === 'Wie pakt melding #4 op?')!;
    expect(question.buttons.flat().map((b) => b.label)).toEqual(['Anna de Vries', 'Bram Jansen', 'Chloé Martin', 'Daan Bakker']);
    const assigned = await h.fake.pressLabel(anna, 'dm:u-anna', 'Bram Jansen');
    expect(assigned.map((s) => `${who(s)}: ${s.text.split('\n')[0]}`)).toEqual([
      'u-anna: Melding #4 wordt opgepakt door Bram Jansen.', 'u-bram: 🛠️ Jij pakt melding #4 op. Dank je!',
    ]);
    expect(await reportRow(h, complexA, 4)).toMatchObject({ state: 'in_progress', assigneePersonId: expect.any(Number) as number });
    expect((await trail(h, four.id)).slice(1)).toEqual(['new→in_progress start (coordinator)', 'in_progress→in_progress assign (coordinator)']);
  });

  it('privacy: no private report text or reporter in any group message, nor in any log line', () => {
    const groupTexts = h.fake.sent.filter((s) => GROUPS.includes(s.chatId) && !s.toUser).map((s) => s.text);
    expect(groupTexts.length).toBeGreaterThan(3);
    const secrets = ['lamp', 'brievenbussen', 'herrie', '3 hoog', 'Welke lamp', 'Bram Jansen', 'tg-photo-1'];
    for (const secret of secrets) {
      expect(groupTexts.filter((t) => t.includes(secret)), secret).toEqual([]);
    }
    // Chloé reported in the group, so her name may appear there only in the neutral "continue by DM" answer.
    expect(groupTexts.filter((t) => t.includes('Chloé'))).toEqual([]);
    expect(h.logLines.length).toBeGreaterThan(10);
    const log = h.logLines.join('');
    for (const secret of [...secrets, 'Lamp vervangen', 'De buren']) expect(log.includes(secret), `log contains "${secret}"`).toBe(false);
  });
});
