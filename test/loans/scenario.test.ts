import { reports } from '../../src/db/schema/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { loanItems, loanReservations, loans, loanWaitlist } from '../../src/db/schema/index.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { GROUP, linkedComplex } from '../rota/setup.js';
import { addItems, item } from './setup.js';

const texts = (sent: { text: string }[]) => sent.map((s) => s.text);

describe('keys and tools through the fake platform (real PostgreSQL)', () => {
  let h: Harness;
  let ids: Map<string, number>;
  let complexId: number;
  beforeAll(async () => {
    h = await createHarness();
    complexId = await linkedComplex(h);
    ids = await addItems(h, complexId);
  });
  afterAll(async () => { await h.close(); });

  const openLoans = (item: string) => h.database.db.select().from(loans).where(and(eq(loans.itemId, ids.get(item)!), isNull(loans.returnedAt)));

  it('borrow, refuse with the holder and a waitlist button, who has it, return with condition, the waiter is told and held for', async () => {
    expect(texts(await h.fake.say(bram, GROUP, '/leen schuursleutel'))).toEqual([
      '✅ Bram Jansen leent Schuursleutel tot zo 22 nov 15:00.\nHet ligt hier: sleutelkastje bij de voordeur.',
    ]);
    const refused = await h.fake.say(chloe, GROUP, '/borrow shed key');
    // In the group, the complex's language; in a DM, the person's.
    expect(texts(refused)).toEqual(['Schuursleutel is nu bij Bram Jansen (terug uiterlijk zo 22 nov 15:00).']);
    expect(refused[0]!.buttons.flat().map((b) => b.action)).toEqual([`loan:q:${ids.get('Schuursleutel')}`]);
    const waiting = await h.fake.press(chloe, GROUP, `loan:q:${ids.get('Schuursleutel')}`);
    expect(waiting.map((s) => [s.toUser, s.text])).toEqual([['u-chloe', '🔔 You are on the waiting list for Schuursleutel; you will hear when it is back.']]);

    expect(texts(await h.fake.say(daan, GROUP, 'wie heeft de schuursleutel?'))).toEqual([
      '🔑 Schuursleutel is bij Bram Jansen sinds zo 22 nov 11:00, terug uiterlijk zo 22 nov 15:00.\nPlek: sleutelkastje bij de voordeur',
    ]);

    const ask = await h.fake.say(bram, GROUP, 'ik breng de sleutel van de schuur terug @bot');
    expect(texts(ask)).toEqual(['Hoe breng je Schuursleutel terug?']);
    const back = await h.fake.press(bram, GROUP, `loan:rc:${ids.get('Schuursleutel')}:ok`);
    expect(back.map((s) => [s.toUser ?? s.chatId, s.text])).toEqual([
      [GROUP, '↩️ Bram Jansen heeft Schuursleutel teruggebracht. Dank je wel!'],
      ['u-chloe', '🔔 Schuursleutel is back! It is kept for you until Sun 22 Nov 13:00.'],
    ]);
    expect(texts(await h.fake.say(daan, GROUP, '/leen schuursleutel'))).toEqual([
      'Schuursleutel ligt tot zo 22 nov 13:00 klaar voor Chloé Martin, die erop wachtte.',
    ]);
    expect(texts(await h.fake.press(chloe, GROUP, `loan:b:${ids.get('Schuursleutel')}`))).toEqual([
      '✅ Chloé Martin leent Schuursleutel tot zo 22 nov 15:00.\nHet ligt hier: sleutelkastje bij de voordeur.',
    ]);
    expect(await openLoans('Schuursleutel')).toHaveLength(1);
    const [wait] = await h.database.db.select().from(loanWaitlist);
    expect(wait!.doneAt).not.toBeNull();
  });

  it('"welke spullen zijn er?" and "wie heeft er iets geleend?" to the bot get the list with who has what', async () => {
    const [list] = await h.fake.say(daan, `dm:${daan.id}`, 'welke spullen zijn er?');
    expect(list!.text.split('\n')[0]).toBe('Spullen om te lenen (druk op een naam):');
    expect(list!.text).toContain('Schuursleutel');
    const [out] = await h.fake.say(daan, GROUP, '@bot wie heeft er nog iets geleend?');
    expect(out!.text.split('\n')[0]).toBe('Spullen om te lenen (druk op een naam):');
    expect(await h.fake.say(daan, GROUP, 'welke spullen zijn er eigenlijk?')).toEqual([]);
  });

  it('free text: "mag ik de maaier lenen tot morgen" asks with a Yes button; "even nodig" takes the usual length', async () => {
    const asked = await h.fake.say(bram, GROUP, 'mag ik de maaier lenen tot morgen @bot');
    expect(texts(asked)).toEqual(['Grasmaaier lenen tot ma 23 nov 20:00?']);
    expect(await openLoans('Grasmaaier')).toHaveLength(0);
    const yes = asked[0]!.buttons[0]![0]!;
    // Bram's question: a neighbour pressing its Yes borrows nothing for anyone.
    expect(texts(await h.fake.press(daan, GROUP, yes.action))).toEqual(['Deze knop is niet (meer) voor jou of voor deze groep bedoeld.']);
    expect(await openLoans('Grasmaaier')).toHaveLength(0);
    expect(texts(await h.fake.press(bram, GROUP, yes.action))).toEqual(['✅ Bram Jansen leent Grasmaaier tot ma 23 nov 20:00.\nHet ligt hier: schuur.']);
    expect(texts(await h.fake.say(daan, GROUP, 'ik heb de bladblazer even nodig'))).toEqual(['Bladblazer lenen tot ma 23 nov 11:00?']);
  });

  it('free text about a later day ("mag ik zaterdag de ladder lenen") offers a reservation of that day, not a loan from now', async () => {
    const asked = await h.fake.say(chloe, `dm:${chloe.id}`, 'mag ik zaterdag de ladder lenen?');
    expect(texts(asked)).toEqual(['Reserve Ladder for you from Sat 28 Nov 09:00 until Sat 28 Nov 22:00?']);
    // A reservation's Yes is the asker's too, wherever it is pressed (a forged press from a neighbour).
    expect(texts(await h.fake.press(daan, `dm:${daan.id}`, asked[0]!.buttons[0]![0]!.action))).toEqual(['Deze knop is niet (meer) voor jou of voor deze groep bedoeld.']);
    const done = await h.fake.press(chloe, `dm:${chloe.id}`, asked[0]!.buttons[0]![0]!.action);
    expect(texts(done)).toEqual(['📅 Ladder is reserved for Chloé Martin from Sat 28 Nov 09:00 until Sat 28 Nov 22:00.']);
    expect(await openLoans('Ladder')).toHaveLength(0);
    const held = await h.database.db.select().from(loanReservations).where(eq(loanReservations.itemId, ids.get('Ladder')!));
    expect(held.map((r) => [r.startsAt.toISOString(), r.endsAt.toISOString()])).toEqual([['2026-11-28T08:00:00.000Z', '2026-11-28T21:00:00.000Z']]);
    // Its Cancel button gives the day back (the later tests use the ladder).
    await h.fake.press(chloe, `dm:${chloe.id}`, done[0]!.buttons[0]![0]!.action);
    expect((await h.database.db.select().from(loanReservations).where(eq(loanReservations.itemId, ids.get('Ladder')!)))
      .filter((r) => !r.cancelledAt)).toEqual([]);
    // A time named is the start; "tot"/"until" still means a loan from now.
    expect(texts(await h.fake.say(daan, GROUP, 'kan ik morgen om 14:00 de maaier lenen @bot'))).toEqual(['Grasmaaier voor je reserveren van ma 23 nov 14:00 tot ma 23 nov 22:00?']);
    expect(texts(await h.fake.say(daan, GROUP, 'mag ik de bladblazer lenen tot zaterdag @bot'))).toEqual(['Bladblazer lenen tot za 28 nov 20:00?']);
  });

  it('broken return → under repair and coordinators told → check-out refused → repaired → available', async () => {
    const ladder = ids.get('Ladder')!;
    await h.fake.say(daan, GROUP, '/leen ladder');
    expect(texts(await h.fake.say(daan, GROUP, '/terug ladder kapot sport los'))).toEqual([
      '🛠️ Ladder is terug maar kapot (sport los). Het staat nu op "in reparatie" en de coördinatoren zijn ingelicht.',
    ]);
    // The coordinators' notice goes through the outbox (reportBrokenItem), like every scheduled send.
    await h.flush();
    const notice = h.fake.dmsTo('u-anna').at(-1)!;
    expect(notice.text).toBe('🛠️ Daan Bakker bracht Ladder kapot terug (sport los). Het staat op "in reparatie" en er is melding #1 van gemaakt. Is het gemaakt? Druk dan op Gerepareerd.');
    // The hand-off is a private maintenance report in the reports capability, for the coordinators to triage.
    const [report] = await h.database.db.select().from(reports);
    expect(report).toMatchObject({ number: 1, category: 'maintenance', visibility: 'private', source: 'loan', text: 'Ladder is kapot teruggebracht (sport los).' });
    expect(notice.buttons.flat().map((b) => b.action)).toEqual([`loan:fx:${ladder}`]);
    expect(texts(await h.fake.say(bram, GROUP, '/leen ladder'))).toEqual(['Ladder is in reparatie en kan nu niet geleend worden.']);
    expect(texts(await h.fake.press(bram, GROUP, `loan:fx:${ladder}`))).toEqual(['Dit kan alleen een coördinator. Vraag een coördinator van je complex om hulp.']);
    expect(texts(await h.fake.press(anna, 'dm:u-anna', `loan:fx:${ladder}`))).toEqual(['✅ Ladder is weer in orde en te leen.']);
    const [row] = await h.database.db.select().from(loanItems).where(eq(loanItems.id, ladder));
    expect(row!.condition).toBe('ok');
    expect(texts(await h.fake.say(bram, GROUP, '/leen ladder'))[0]).toMatch(/^✅ Bram Jansen leent Ladder tot ma 23 nov 11:00\./);
  });

  it('returning what you do not hold is refused; a coordinator may force the return with a note', async () => {
    expect(texts(await h.fake.say(daan, GROUP, '/terug ladder ok'))).toEqual([
      'Je hebt Ladder niet; Bram Jansen heeft het. Alleen wie het heeft (of een coördinator, met een reden) meldt het terug.',
    ]);
    // Said at once, not after asking how it comes back.
    const notYours = await h.fake.say(daan, GROUP, 'ik heb de ladder teruggebracht @bot');
    expect(texts(notYours)).toEqual(['Je hebt Ladder niet; Bram Jansen heeft het. Alleen wie het heeft (of een coördinator, met een reden) meldt het terug.']);
    expect(notYours[0]!.buttons).toEqual([]);
    const notOut = await h.fake.say(daan, GROUP, '/terug bladblazer');
    expect(texts(notOut)).toEqual(['Bladblazer is niet uitgeleend.']);
    expect(notOut[0]!.buttons).toEqual([]);
    expect(texts(await h.fake.say(anna, GROUP, '/terug ladder ok'))[0]).toMatch(/^Je meldt Ladder terug voor Bram Jansen: zeg erbij waarom/);
    expect(texts(await h.fake.say(anna, GROUP, '/terug ladder ok hing weer in de berging'))).toEqual([
      '↩️ Anna de Vries heeft Ladder als terug gemeld (was bij Bram Jansen): hing weer in de berging',
    ]);
    expect(await openLoans('Ladder')).toHaveLength(0);
  });

  it('hand-over: declined keeps the holder responsible; confirmed moves the loan', async () => {
    const offer = await h.fake.say(bram, GROUP, '/geef maaier aan @daan');
    expect(offer.map((s) => [s.toUser ?? s.chatId, s.text])).toEqual([
      [GROUP, '🤝 Daan Bakker moet nog bevestigen dat Grasmaaier is overgedragen; tot dan ben jij verantwoordelijk.'],
      ['u-daan', '🤝 Bram Jansen wil Grasmaaier aan je geven. Heb je het gekregen?'],
    ]);
    const [no] = offer[1]!.buttons[0]!.slice(1);
    expect(texts(await h.fake.press(chloe, 'dm:u-chloe', no!.action))).toEqual(['This hand-over is not for you.']);
    expect((await h.fake.press(daan, 'dm:u-daan', no!.action)).map((s) => [s.toUser ?? s.chatId, s.text])).toEqual([
      ['dm:u-daan', 'Oké, Grasmaaier blijft bij Bram Jansen.'],
      ['u-bram', 'Daan Bakker heeft Grasmaaier niet aangenomen; jij hebt het nog.'],
    ]);
    expect((await openLoans('Grasmaaier'))[0]!.borrowerPersonId).not.toBe((await openLoans('Ladder'))[0]?.borrowerPersonId ?? -1);
    const again = await h.fake.say(bram, GROUP, '/geef grasmaaier aan daan');
    const yes = again[1]!.buttons[0]![0]!;
    const done = await h.fake.press(daan, 'dm:u-daan', yes.action);
    expect(done.map((s) => s.text)).toEqual([
      '🤝 Daan Bakker heeft Grasmaaier nu (van Bram Jansen), terug uiterlijk ma 23 nov 20:00.',
      '🤝 Daan Bakker heeft Grasmaaier nu (van Bram Jansen), terug uiterlijk ma 23 nov 20:00.',
    ]);
    expect(texts(await h.fake.press(daan, 'dm:u-daan', yes.action))).toEqual(['Deze overdracht geldt niet meer.']);
    const all = await h.database.db.select().from(loans).where(eq(loans.itemId, ids.get('Grasmaaier')!)).orderBy(loans.id);
    expect(all.map((l) => l.returnCondition)).toEqual(['handed_over', null]);
  });

  it('items needing approval: a request, coordinator buttons, the borrower told', async () => {
    const asked = await h.fake.say(chloe, GROUP, '/borrow drill');
    expect(asked.map((s) => [s.toUser ?? s.chatId, s.text])).toEqual([
      [GROUP, '📨 Voor Boormachine is toestemming van een coördinator nodig. Ik heb het gevraagd; je krijgt bericht.'],
      ['u-anna', '📨 Chloé Martin wil Boormachine lenen tot ma 23 nov 11:00. Goedkeuren?'],
    ]);
    expect(await openLoans('Boormachine')).toHaveLength(0);
    const approve = asked[1]!.buttons[0]![0]!;
    expect(texts(await h.fake.press(bram, GROUP, approve.action))).toEqual(['Dit kan alleen een coördinator. Vraag een coördinator van je complex om hulp.']);
    const approved = await h.fake.press(anna, 'dm:u-anna', approve.action);
    expect(approved.map((s) => [s.toUser ?? s.chatId, s.text])).toEqual([
      ['dm:u-anna', '✅ Chloé Martin leent Boormachine (goedgekeurd door Anna de Vries).'],
      ['u-chloe', '✅ Approved: you are borrowing Boormachine until Mon 23 Nov 11:00.'],
    ]);
    expect(texts(await h.fake.press(anna, 'dm:u-anna', approve.action))).toEqual(['Over dit verzoek is al beslist.']);
    expect((await openLoans('Boormachine'))[0]!.approvedBy).not.toBeNull();
  });

  it('renew once when nobody reserved it; reservations refuse overlaps and block check-outs across them', async () => {
    expect(texts(await h.fake.say(daan, GROUP, '/verleng maaier'))).toEqual(['⏩ Grasmaaier: je mag het houden tot di 24 nov 20:00.']);
    expect(texts(await h.fake.say(daan, GROUP, '/verleng maaier'))[0]).toMatch(/^Je hebt Grasmaaier al een keer verlengd/);
    expect(texts(await h.fake.say(bram, GROUP, '/reserveer ladder zaterdag 10:00 tot 14:00'))).toEqual([
      '📅 Ladder is voor Bram Jansen gereserveerd van za 28 nov 10:00 tot za 28 nov 14:00.',
    ]);
    expect(texts(await h.fake.say(daan, GROUP, '/reserveer ladder zaterdag 13:00 tot 17:00'))).toEqual([
      'Ladder is al gereserveerd door Bram Jansen van za 28 nov 10:00 tot za 28 nov 14:00. Kies een andere tijd.',
    ]);
    expect(texts(await h.fake.say(daan, GROUP, '/leen ladder tot zaterdag 12:00'))).toEqual([
      'Ladder is gereserveerd door Bram Jansen van za 28 nov 10:00 tot za 28 nov 14:00. Leen het korter of op een ander moment.',
    ]);
    expect(texts(await h.fake.say(daan, GROUP, '/leen ladder tot vrijdag 18:00'))[0]).toMatch(/^✅ Daan Bakker leent Ladder tot vr 27 nov 18:00/);
  });

  it('bad input: unknown item with suggestions, ambiguous words as buttons, due in the past or too far', async () => {
    expect(texts(await h.fake.say(bram, GROUP, '/leen fiets'))).toEqual(['Ik ken geen "fiets". In /spullen staat wat er te leen is.']);
    await addItems(h, complexId, [item('Sleutel fietsenhok', { kind: 'key' }), item('Sleutel kelder', { kind: 'key' })]);
    const which = await h.fake.say(bram, GROUP, '/leen sleutel');
    expect(texts(which)).toEqual(['Welke bedoel je?']);
    expect(which[0]!.buttons.flat().map((b) => b.label)).toEqual(['🔑 Schuursleutel', '🔑 Sleutel fietsenhok', '🔑 Sleutel kelder', 'Nee']);
    expect(texts(await h.fake.say(bram, GROUP, '/leen bladblazer tot 08:00'))).toEqual([
      'Dat tijdstip (zo 22 nov 08:00) is al voorbij. Noem een tijd die nog komt, bijvoorbeeld "tot morgen 18:00".',
    ]);
    expect(texts(await h.fake.say(bram, GROUP, '/leen bladblazer tot 20 december'))).toEqual([
      'Bladblazer kan hooguit 7 dagen geleend worden. Kies een eerder tijdstip.',
    ]);
    expect(texts(await h.fake.say(bram, GROUP, '/leen bladblazer tot 31 februari'))[0]).toMatch(/februari/);
    expect(await openLoans('Bladblazer')).toHaveLength(0);
  });

  it('someone holding an overdue item cannot borrow another; a coordinator may lend it to them anyway', async () => {
    h.clock.now = new Date('2026-11-23T12:00:00Z'); // Chloé's shed key was due Sunday 15:00
    expect(texts(await h.fake.say(chloe, GROUP, '/borrow leaf blower'))).toEqual([
      'Eerst terugbrengen wat te laat is: Schuursleutel, Boormachine. Daarna kun je weer lenen.',
    ]);
    expect(texts(await h.fake.say(bram, GROUP, '/leen bladblazer voor @chloe'))).toEqual(['Dit kan alleen een coördinator. Vraag een coördinator van je complex om hulp.']);
    expect(texts(await h.fake.say(anna, GROUP, '/leen bladblazer voor @chloe'))).toEqual(['✅ Chloé Martin leent Bladblazer tot di 24 nov 13:00.']);
    expect((await openLoans('Bladblazer'))).toHaveLength(1);
  });
});
