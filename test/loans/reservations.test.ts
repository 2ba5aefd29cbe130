import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, loanReservations, loanWaitlist } from '../../src/db/schema/index.js';
import { decideCancelReservation } from '../../src/loans/rules.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';
import { GROUP, linkedComplex } from '../rota/setup.js';
import { machinery } from '../support/complex-kit.js';
import { addItems } from './setup.js';

const texts = (sent: { text: string }[]) => sent.map((s) => s.text);
const NOW = new Date('2026-11-22T10:00:00Z');
const h = (n: number) => new Date(NOW.getTime() + n * 3_600_000);

describe('cancel decider', () => {
  const r = { personId: 2, startsAt: h(2), endsAt: h(4), cancelledAt: null };
  it('own: cancel; someone else\'s: coordinators only; cancelled or ended: gone; in force when started', () => {
    expect(decideCancelReservation(r, { personId: 2, coordinator: false }, NOW)).toEqual({ kind: 'cancel', forced: false, inForce: false });
    expect(decideCancelReservation(r, { personId: 3, coordinator: false }, NOW)).toEqual({ kind: 'refuse', reason: 'not_yours' });
    expect(decideCancelReservation(r, { personId: 3, coordinator: true }, NOW)).toEqual({ kind: 'cancel', forced: true, inForce: false });
    expect(decideCancelReservation(r, { personId: 2, coordinator: false }, h(3))).toEqual({ kind: 'cancel', forced: false, inForce: true });
    expect(decideCancelReservation(r, { personId: 2, coordinator: false }, h(4))).toEqual({ kind: 'refuse', reason: 'gone' });
    expect(decideCancelReservation({ ...r, cancelledAt: NOW }, { personId: 2, coordinator: false }, NOW)).toEqual({ kind: 'refuse', reason: 'gone' });
    expect(decideCancelReservation(null, { personId: 2, coordinator: true }, NOW)).toEqual({ kind: 'refuse', reason: 'gone' });
  });
});

describe('reservations through the fake platform: cancelling, and meeting loans (real PostgreSQL)', () => {
  let hs: Harness;
  let ids: Map<string, number>;
  beforeAll(async () => {
    hs = await createHarness();
    const complexId = await linkedComplex(hs);
    ids = await addItems(hs, complexId);
  });
  afterAll(async () => { await hs.close(); });
  const reservations = () => hs.database.db.select().from(loanReservations).orderBy(loanReservations.id);

  it('the confirmation has a cancel button; a neighbour cannot press it; the reserver can, and the window is free again', async () => {
    const made = await hs.fake.say(bram, GROUP, '/reserveer ladder zaterdag 10:00 tot 14:00');
    expect(texts(made)).toEqual(['📅 Ladder is voor Bram Jansen gereserveerd van za 28 nov 10:00 tot za 28 nov 14:00.']);
    const [first] = await reservations();
    expect(made[0]!.buttons.flat().map((b) => [b.label, b.action])).toEqual([['Reservering afzeggen', `loan:rx:${first!.id}`]]);

    expect(texts(await hs.fake.press(daan, GROUP, `loan:rx:${first!.id}`))).toEqual([
      'Dat is niet jouw reservering; alleen een coördinator kan die van een ander afzeggen.',
    ]);
    expect((await reservations())[0]!.cancelledAt).toBeNull();

    const done = await hs.fake.press(bram, GROUP, `loan:rx:${first!.id}`);
    expect(texts(done)).toEqual(['🗑️ Reservering van Ladder (za 28 nov 10:00 tot za 28 nov 14:00) is afgezegd.']);
    expect((await reservations())[0]!.cancelledAt).toEqual(hs.clock.now);
    expect(texts(await hs.fake.press(bram, GROUP, `loan:rx:${first!.id}`))).toEqual(['Die reservering is er niet meer (al afgezegd of voorbij).']);
    // The window is free: Daan reserves it now.
    expect(texts(await hs.fake.say(daan, GROUP, '/reserveer ladder zaterdag 12:00 tot 16:00'))[0]).toMatch(/^📅 Ladder is voor Daan Bakker gereserveerd/);
    const audit = await hs.database.db.select().from(auditLog).where(eq(auditLog.action, 'loans.reservation_cancelled'));
    expect(audit.map((a) => a.data)).toEqual([{ itemId: ids.get('Ladder'), reservationId: first!.id, personId: first!.personId, forced: false }]);
  });

  it('/unreserve <item> cancels your only reservation of it; a coordinator cancels someone else\'s and they are told', async () => {
    await hs.fake.say(chloe, GROUP, '/reserve mower sunday 10:00 until 12:00'); // today, in force
    expect(texts(await hs.fake.say(chloe, GROUP, '/unreserve mower'))).toEqual([
      '🗑️ Reservering van Grasmaaier (zo 22 nov 10:00 tot zo 22 nov 12:00) is afgezegd.',
    ]);
    expect(texts(await hs.fake.say(chloe, GROUP, '/unreserve mower'))).toEqual(['Je hebt geen reservering die nog komt.']);

    // Anna (coordinator) has none of her own: she gets the ladder's reservations to choose from.
    const daans = (await reservations()).find((r) => r.cancelledAt === null)!;
    const choice = await hs.fake.say(anna, GROUP, '/afzeggen ladder');
    expect(texts(choice)).toEqual(['Welke reservering zeg je af?']);
    expect(choice[0]!.buttons.flat().map((b) => [b.label, b.action])).toEqual([['Afzeggen: Ladder, Daan Bakker, za 28 nov 12:00', `loan:rx:${daans.id}`]]);
    const forced = await hs.fake.press(anna, GROUP, `loan:rx:${daans.id}`);
    expect(forced.map((s) => [s.toUser ?? s.chatId, s.text])).toEqual([
      [GROUP, '🗑️ Reservering van Ladder (za 28 nov 12:00 tot za 28 nov 16:00) is afgezegd.'],
      ['u-daan', '🗑️ Anna de Vries heeft je reservering van Ladder (za 28 nov 12:00 tot za 28 nov 16:00) afgezegd.'],
    ]);
    const [row] = await hs.database.db.select().from(auditLog).where(eq(auditLog.action, 'loans.reservation_cancelled')).orderBy(auditLog.id).offset(2);
    expect(row!.data).toMatchObject({ reservationId: daans.id, forced: true });
  });

  it('cancelling a reservation in force frees the item: the first on the waitlist is told and held for', async () => {
    const made = await hs.fake.say(bram, GROUP, '/reserveer bladblazer vandaag 11:00 tot 15:00');
    expect(texts(made)[0]).toMatch(/^📅 Bladblazer is voor Bram Jansen gereserveerd/);
    hs.clock.now = new Date('2026-11-22T10:30:00Z'); // 11:30 in Amsterdam: the reservation is in force
    expect(texts(await hs.fake.say(daan, GROUP, '/leen bladblazer tot 13:00'))[0]).toMatch(/^Bladblazer is gereserveerd door Bram Jansen/);
    await hs.fake.press(daan, GROUP, `loan:q:${ids.get('Bladblazer')}`);
    const reservation = (await reservations()).at(-1)!;
    const done = await hs.fake.press(bram, GROUP, `loan:rx:${reservation.id}`);
    expect(done.map((s) => [s.toUser ?? s.chatId, s.text])).toEqual([
      [GROUP, '🗑️ Reservering van Bladblazer (zo 22 nov 11:00 tot zo 22 nov 15:00) is afgezegd.'],
      ['u-daan', '🔔 Bladblazer is terug! Het ligt tot zo 22 nov 13:30 voor je klaar.'],
    ]);
    const [wait] = await hs.database.db.select().from(loanWaitlist);
    expect(wait!.holdUntil).toEqual(new Date('2026-11-22T12:30:00Z'));
    expect(texts(await hs.fake.press(daan, GROUP, `loan:b:${ids.get('Bladblazer')}`))[0]).toMatch(/^✅ Daan Bakker leent Bladblazer/);
  });

  it('a window before someone else\'s due time is refused; a reservation that starts while the item is still out says so, with a cancel button', async () => {
    const m = machinery(hs);
    hs.clock.now = new Date('2026-11-22T10:30:00Z');
    expect(texts(await hs.fake.say(chloe, GROUP, '/borrow mower'))[0]).toMatch(/^✅ Chloé Martin leent Grasmaaier tot ma 23 nov 11:30/);
    expect(texts(await hs.fake.say(bram, GROUP, '/reserveer maaier maandag 11:00 tot 13:00'))).toEqual([
      'Grasmaaier is tot ma 23 nov 11:30 bij Chloé Martin. Reserveer vanaf dat moment, of vraag Chloé Martin het eerder terug te brengen.',
    ]);
    expect(texts(await hs.fake.say(bram, GROUP, '/reserveer maaier maandag 11:30 tot 13:00'))[0]).toMatch(/^📅 Grasmaaier is voor Bram Jansen gereserveerd/);
    const reservation = (await reservations()).at(-1)!;
    await m.tick();
    const seen = hs.fake.sent.length;
    hs.clock.now = new Date('2026-11-23T10:30:00Z'); // Chloé is late
    await m.tick();
    // (Daan's blower from the test before is due now too.)
    expect(hs.fake.sent.slice(seen).filter((s) => s.toUser !== 'u-daan').map((s) => [s.toUser, s.text, s.buttons.flat().map((b) => b.action)])).toEqual([
      ['u-chloe', '❗ Grasmaaier was due back at Monday 23 November at 11:30. Could you return it?', [`loan:r:${ids.get('Grasmaaier')}`, `loan:rn:${ids.get('Grasmaaier')}`]],
      ['u-bram', '📅 Je reservering van Grasmaaier begint nu, maar Chloé Martin heeft het nog (terug uiterlijk maandag 23 november om 11:30). Je hoort het zodra het terug is.',
        [`loan:rx:${reservation.id}`]],
    ]);
  });

  it('a reservation of an item marked lost since: the start notice says it cannot be borrowed, no Borrow button', async () => {
    const m = machinery(hs);
    const ladder = ids.get('Ladder')!;
    expect(texts(await hs.fake.say(bram, GROUP, '/reserveer ladder woensdag 10:00 tot 12:00'))[0]).toMatch(/^📅 Ladder is voor Bram Jansen gereserveerd/);
    const reservation = (await reservations()).at(-1)!;
    await m.tick();
    expect(texts(await hs.fake.press(anna, GROUP, `loan:lost:${ladder}`))[0]).toMatch(/Ladder/);
    const seen = hs.fake.sent.length;
    hs.clock.now = new Date('2026-11-25T09:00:00Z'); // Wednesday 10:00 in Amsterdam
    await m.tick();
    expect(hs.fake.sent.slice(seen).filter((s) => s.toUser === 'u-bram').map((s) => [s.text, s.buttons.flat().map((b) => b.action)])).toEqual([
      ['📅 Je reservering van Ladder zou nu beginnen, maar het is niet meer te leen (kwijt of uit gebruik). Vraag een coördinator als je vragen hebt.', [`loan:rx:${reservation.id}`]],
    ]);
  });
});
