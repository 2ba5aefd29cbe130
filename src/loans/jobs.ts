import { and, eq, gt, isNotNull, isNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { complexes, loanItems, loanReservations, loans, loanWaitlist, people } from '../db/schema/index.js';
import { DEFAULT_LANG, isLang, msg, type Lang, type Msg } from '../i18n/index.js';
import { enqueueToPerson, personTarget } from '../outbox/queue.js';
import type { Button } from '../platform.js';
import type { Effect, EffectRow, JobKind, RunContext } from '../scheduler/engine.js';
import { getReminderSettings } from '../scheduler/settings.js';
import { formatLongDateTime } from '../time/zone.js';
import { act } from './format.js';
import { whenMsg } from '../rota/format.js';
import { passExpiredHold } from './service.js';
import { coordinatorsOf } from './store.js';

/**
 * Scheduled loan notices: due-soon (2 hours before) and overdue reminders to the holder, an alert to
 * the coordinators `loan_overdue_alert_hours` after the due time (beheerplan `reminders`), and the
 * reservation-start notice. Each has a unique key (the scheduler runs it once, whatever instances
 * run or restart) and is sent in the addressee's language.
 */

const HOUR = 3_600_000;

async function complexOf(db: Db, complexId: number): Promise<{ tz: string; lang: Lang }> {
  const [c] = await db.select().from(complexes).where(eq(complexes.id, complexId));
  return { tz: c?.timezone ?? 'Europe/Amsterdam', lang: isLang(c?.language) ? c.language : DEFAULT_LANG };
}

async function dm(tx: Db, ctx: RunContext, effect: EffectRow, personId: number, lang: Lang, body: (l: Lang) => Msg[], buttons?: Button[][]): Promise<void> {
  const platforms = [...ctx.platforms.keys()];
  const target = await personTarget(tx, personId, platforms, lang);
  await enqueueToPerson(tx, { personId, platforms, key: `${effect.key}:${personId}`, complexLang: lang, body: body(target?.lang ?? lang), ...(buttons ? { buttons } : {}) }, ctx.now);
}

function inWindow(items: { key: string; at: Date; complexId: number; payload: Record<string, unknown> }[], from: Date, to: Date): Effect[] {
  return items.flatMap((i) => (i.at > from && i.at <= to ? [{ key: i.key, dueAt: i.at, complexId: i.complexId, payload: i.payload }] : []));
}

interface OpenLoan { id: number; complexId: number; itemId: number; itemName: string; borrowerPersonId: number; borrowerName: string; dueAt: Date; returnedAt: Date | null }

const loanColumns = {
  id: loans.id, complexId: loans.complexId, itemId: loans.itemId, itemName: loanItems.name, borrowerPersonId: loans.borrowerPersonId,
  borrowerName: people.displayName, dueAt: loans.dueAt, returnedAt: loans.returnedAt,
};

async function openLoans(db: Db): Promise<OpenLoan[]> {
  return db.select(loanColumns).from(loans).innerJoin(loanItems, eq(loanItems.id, loans.itemId)).innerJoin(people, eq(people.id, loans.borrowerPersonId))
    .where(isNull(loans.returnedAt));
}

async function loanById(db: Db, id: number): Promise<OpenLoan | null> {
  const [row] = await db.select(loanColumns).from(loans).innerJoin(loanItems, eq(loanItems.id, loans.itemId)).innerJoin(people, eq(people.id, loans.borrowerPersonId))
    .where(eq(loans.id, id));
  return row ?? null;
}

export const loanNoticeJob: JobKind = {
  kind: 'loan:notice',
  missedRule: 'due-soon: sent while the loan is not yet due; overdue notice and coordinator alert: sent late while not returned',
  missed: (effect, now) => (effect.payload.notice !== 'due-soon' || now.getTime() < Number(effect.payload.loanDueAt) ? 'run' : 'skip'),
  async due(db, { from, to }) {
    const items = [];
    for (const l of await openLoans(db)) {
      const alertHours = (await getReminderSettings(db, l.complexId)).loan_overdue_alert_hours;
      // The due time is in the key: a renewed loan gets fresh notices for its new due time.
      const base = `loan:${l.id}:${l.dueAt.getTime() / 60_000}`;
      const payload = (notice: string) => ({ loanId: l.id, notice, loanDueAt: l.dueAt.getTime() });
      items.push({ key: `${base}:due-soon`, at: new Date(l.dueAt.getTime() - 2 * HOUR), complexId: l.complexId, payload: payload('due-soon') },
        { key: `${base}:overdue`, at: l.dueAt, complexId: l.complexId, payload: payload('overdue') },
        { key: `${base}:alert`, at: new Date(l.dueAt.getTime() + alertHours * HOUR), complexId: l.complexId, payload: payload('alert') });
    }
    return inWindow(items, from, to);
  },
  async run(tx, effect, ctx) {
    const loan = await loanById(tx, Number(effect.payload.loanId));
    // Returned, or renewed to another due time since this notice was planned: nothing to say.
    if (!loan || loan.returnedAt || loan.dueAt.getTime() !== Number(effect.payload.loanDueAt)) return 'obsolete';
    const { tz, lang } = await complexOf(tx, loan.complexId);
    const notice = String(effect.payload.notice);
    if (notice === 'alert') {
      for (const c of await coordinatorsOf(tx, loan.complexId)) {
        await dm(tx, ctx, effect, c, lang, (l) => [msg('loans.notice.alert', { item: loan.itemName, when: formatLongDateTime(loan.dueAt, tz, l), borrower: loan.borrowerName })]);
      }
      return;
    }
    const key = notice === 'due-soon' ? 'loans.notice.dueSoon' : 'loans.notice.overdue';
    await dm(tx, ctx, effect, loan.borrowerPersonId, lang, (l) => [msg(key, { item: loan.itemName, when: formatLongDateTime(loan.dueAt, tz, l) })],
      [[{ label: msg('loans.button.return'), action: act.returnAsk(loan.itemId), style: 'primary' }, { label: msg('loans.button.renew'), action: act.renew(loan.itemId) }]]);
  },
};

export const reservationStartJob: JobKind = {
  kind: 'loan:reservation',
  missedRule: 'reservation start: sent late while the reservation has not ended',
  missed: (effect, now) => (now.getTime() < Number(effect.payload.endsAt) ? 'run' : 'skip'),
  async due(db, { from, to }) {
    const rows = await db.select({ id: loanReservations.id, complexId: loanReservations.complexId, startsAt: loanReservations.startsAt, endsAt: loanReservations.endsAt })
      .from(loanReservations).where(and(isNull(loanReservations.cancelledAt), gt(loanReservations.startsAt, from), lte(loanReservations.startsAt, to)));
    return rows.map((r) => ({ key: `reservation:${r.id}:start`, dueAt: r.startsAt, complexId: r.complexId, payload: { reservationId: r.id, endsAt: r.endsAt.getTime() } }));
  },
  async run(tx, effect, ctx) {
    const [r] = await tx.select({ personId: loanReservations.personId, cancelledAt: loanReservations.cancelledAt, endsAt: loanReservations.endsAt,
      complexId: loanReservations.complexId, itemId: loanReservations.itemId, itemName: loanItems.name, condition: loanItems.condition, archivedAt: loanItems.archivedAt })
      .from(loanReservations).innerJoin(loanItems, eq(loanItems.id, loanReservations.itemId)).where(eq(loanReservations.id, Number(effect.payload.reservationId)));
    if (!r || r.cancelledAt) return 'obsolete';
    const { tz, lang } = await complexOf(tx, r.complexId);
    const cancel = [{ label: msg('loans.button.cancelReservation'), action: act.cancelReservation(Number(effect.payload.reservationId)) }];
    // Lost or taken out of use since it was reserved: no Borrow button that can only be refused. Under
    // repair: the reserver hears when it is repaired (markRepaired tells the next reserver).
    if (r.archivedAt || r.condition !== 'ok') {
      const key = r.condition === 'repair' && !r.archivedAt ? 'loans.reservation.startsRepair' : 'loans.reservation.startsGone';
      await dm(tx, ctx, effect, r.personId, lang, () => [msg(key, { item: r.itemName })], [cancel]);
      return;
    }
    // Still out with someone else (late): say so; the reserver hears when it is back (service.ts afterBack).
    const [out] = await tx.select({ personId: loans.borrowerPersonId, name: people.displayName, dueAt: loans.dueAt }).from(loans)
      .innerJoin(people, eq(people.id, loans.borrowerPersonId)).where(and(eq(loans.itemId, r.itemId), isNull(loans.returnedAt)));
    if (out && out.personId !== r.personId) {
      await dm(tx, ctx, effect, r.personId, lang, (l) => [msg('loans.reservation.startsOut', { item: r.itemName, name: out.name, due: formatLongDateTime(out.dueAt, tz, l) })], [cancel]);
      return;
    }
    await dm(tx, ctx, effect, r.personId, lang, (l) => [msg('loans.reservation.starts', { item: r.itemName, to: formatLongDateTime(r.endsAt, tz, l) })],
      [[{ label: msg('loans.button.borrow'), action: act.borrowUntil(r.itemId, r.endsAt), style: 'primary' }, { label: msg('loans.button.where'), action: act.where(r.itemId) }], cancel]);
  },
};

/** A waitlist hold that ran out unused: it ends and the next in line is told (with a hold of their own), once. */
export const holdExpiryJob: JobKind = {
  kind: 'loan:hold',
  missedRule: 'always, late: the hold ends and the next in line is told if the item is still free',
  missed: () => 'run',
  async due(db, { from, to }) {
    const rows = await db.select({ id: loanWaitlist.id, complexId: loanWaitlist.complexId, holdUntil: loanWaitlist.holdUntil }).from(loanWaitlist)
      .where(and(isNull(loanWaitlist.doneAt), isNotNull(loanWaitlist.holdUntil), gt(loanWaitlist.holdUntil, from), lte(loanWaitlist.holdUntil, to)));
    return rows.map((r) => ({ key: `loan-hold:${r.id}:expired`, dueAt: r.holdUntil!, complexId: r.complexId, payload: { waitId: r.id } }));
  },
  async run(tx, effect, ctx) {
    const passed = await passExpiredHold(tx, Number(effect.payload.waitId), ctx.now);
    if (!passed) return 'obsolete';
    if (!passed.waiterPersonId || !passed.holdUntil) return;
    const { tz, lang } = await complexOf(tx, passed.complexId);
    // The same words as when the item came back by hand (actions.ts backReplies).
    const until = whenMsg(passed.holdUntil, tz);
    await dm(tx, ctx, effect, passed.waiterPersonId, lang, () => [msg('loans.back.waiter', { item: passed.itemName, until })],
      [[{ label: msg('loans.button.borrow'), action: act.borrow(passed.itemId), style: 'primary' }]]);
  },
};

export const loanJobs: JobKind[] = [loanNoticeJob, reservationStartJob, holdExpiryJob];
