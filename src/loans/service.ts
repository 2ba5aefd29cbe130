import { and, asc, eq, gt, gte, isNull, lte } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { loanItems, loanRequests, loanReservations, loans, loanWaitlist, rotaClaims, rotaOccurrences, rotaTasks } from '../db/schema/index.js';
import { audit } from '../tenancy/queries.js';
import {
  decideCheckout, decideHandover, decideRenew, decideReserve, decideReturn, decideWait, HOLD_HOURS,
  type CheckoutDecision, type HandoverDecision, type RenewDecision, type ReserveDecision, type ReturnCondition, type ReturnDecision, type WaitDecision,
} from './rules.js';
import { hasOverdue, itemState, lockItem, type ItemRow, type LoanRow } from './store.js';

/**
 * The shell around the deciders: lock the item row, load its state, decide, store the decision and
 * its audit row. Runs inside the handler's transaction, so the lock holds until the answer is queued
 * and a parallel request for the same item waits and then sees the result.
 */

export interface Actor { personId: number; coordinator: boolean }

async function locked(tx: Db, itemId: number): Promise<ItemRow> {
  const item = await lockItem(tx, itemId);
  if (!item) throw new Error(`loan item ${itemId} vanished under a lock`);
  return item;
}

/** The borrower's claimed rota turn that the loan window covers (the mower for the garden turn). */
async function turnFor(tx: Db, complexId: number, personId: number, now: Date, dueAt: Date): Promise<{ id: number; task: string } | null> {
  const [row] = await tx.select({ id: rotaOccurrences.id, task: rotaTasks.name }).from(rotaClaims)
    .innerJoin(rotaOccurrences, eq(rotaOccurrences.id, rotaClaims.occurrenceId)).innerJoin(rotaTasks, eq(rotaTasks.id, rotaOccurrences.taskId))
    .where(and(eq(rotaOccurrences.complexId, complexId), eq(rotaClaims.personId, personId), isNull(rotaClaims.releasedAt),
      eq(rotaOccurrences.status, 'open'), gte(rotaOccurrences.dueAt, now), lte(rotaOccurrences.dueAt, dueAt)))
    .orderBy(asc(rotaOccurrences.dueAt)).limit(1);
  return row ?? null;
}

export type CheckoutOutcome = CheckoutDecision & { loanId?: number; requestId?: number; turn?: { id: number; task: string } | null };

export async function checkout(tx: Db, itemId: number, actor: Actor, opts: { dueAt: Date | null; approved?: boolean; now: Date }): Promise<CheckoutOutcome> {
  const { now } = opts;
  const item = await locked(tx, itemId);
  const state = await itemState(tx, item, now);
  const decision = decideCheckout(state, {
    personId: actor.personId, dueAt: opts.dueAt, overdueElsewhere: await hasOverdue(tx, item.complexId, actor.personId, now),
    coordinator: actor.coordinator, approved: opts.approved ?? false,
  }, now);
  if (decision.kind === 'request') {
    const [row] = await tx.insert(loanRequests).values({ complexId: item.complexId, itemId, personId: actor.personId, dueAt: decision.dueAt, requestedAt: now })
      .onConflictDoNothing().returning({ id: loanRequests.id });
    const requestId = row?.id ?? (await tx.select({ id: loanRequests.id }).from(loanRequests)
      .where(and(eq(loanRequests.itemId, itemId), eq(loanRequests.personId, actor.personId), isNull(loanRequests.decision))))[0]!.id;
    await audit(tx, { complexId: item.complexId, actorPersonId: actor.personId, action: 'loans.requested', at: now, data: { itemId, requestId } });
    return { ...decision, requestId };
  }
  if (decision.kind !== 'lend') return decision;
  const turn = await turnFor(tx, item.complexId, actor.personId, now, decision.dueAt);
  const [loan] = await tx.insert(loans).values({
    complexId: item.complexId, itemId, borrowerPersonId: actor.personId, outAt: now, dueAt: decision.dueAt, occurrenceId: turn?.id ?? null,
  }).returning({ id: loans.id });
  // Waiting for it is over once you have it.
  await tx.update(loanWaitlist).set({ doneAt: now })
    .where(and(eq(loanWaitlist.itemId, itemId), eq(loanWaitlist.personId, actor.personId), isNull(loanWaitlist.doneAt)));
  await audit(tx, { complexId: item.complexId, actorPersonId: actor.personId, action: 'loans.checked_out', at: now,
    data: { itemId, loanId: loan!.id, dueAt: decision.dueAt.toISOString() } });
  return { ...decision, loanId: loan!.id, turn };
}

/** Who is told after an item comes back: the first in line (with a hold) or the next reserver. */
export interface BackNotice { waiterPersonId: number | null; holdUntil: Date | null; reserver: { personId: number; startsAt: Date; endsAt: Date } | null }

/** The item is available again: the first on the waitlist gets a short hold; the next reserver is told (also after a cancelled reservation). */
export async function afterBack(tx: Db, item: ItemRow, now: Date): Promise<BackNotice> {
  const [next] = await tx.select().from(loanWaitlist).where(and(eq(loanWaitlist.itemId, item.id), isNull(loanWaitlist.doneAt), isNull(loanWaitlist.notifiedAt)))
    .orderBy(asc(loanWaitlist.createdAt), asc(loanWaitlist.id)).limit(1);
  let holdUntil: Date | null = null;
  if (next) {
    holdUntil = new Date(now.getTime() + HOLD_HOURS * 3_600_000);
    await tx.update(loanWaitlist).set({ notifiedAt: now, holdUntil }).where(eq(loanWaitlist.id, next.id));
  }
  const [reservation] = await tx.select().from(loanReservations)
    .where(and(eq(loanReservations.itemId, item.id), isNull(loanReservations.cancelledAt), gt(loanReservations.endsAt, now)))
    .orderBy(asc(loanReservations.startsAt)).limit(1);
  return { waiterPersonId: next?.personId ?? null, holdUntil, reserver: reservation ? { personId: reservation.personId, startsAt: reservation.startsAt, endsAt: reservation.endsAt } : null };
}

/** A waitlist hold that ran out unused, and who (if anyone) holds the item now. */
export interface PassedHold { complexId: number; itemId: number; itemName: string; waiterPersonId: number | null; holdUntil: Date | null }

/**
 * Ends a waitlist hold that ran out unused; if the item is still free to borrow (in order, not out,
 * not archived) the next in line gets the hold. Null when there is nothing to pass on (borrowed,
 * left the list, or not yet expired).
 */
export async function passExpiredHold(tx: Db, waitId: number, now: Date): Promise<PassedHold | null> {
  const [wait] = await tx.select().from(loanWaitlist).where(eq(loanWaitlist.id, waitId));
  if (!wait || wait.doneAt || !wait.holdUntil || wait.holdUntil > now) return null;
  const item = await locked(tx, wait.itemId);
  const ended = await tx.update(loanWaitlist).set({ doneAt: wait.holdUntil })
    .where(and(eq(loanWaitlist.id, wait.id), isNull(loanWaitlist.doneAt))).returning({ id: loanWaitlist.id });
  if (ended.length === 0) return null;
  const state = await itemState(tx, item, now);
  const free = !state.openLoan && !state.item.archived && state.item.condition === 'ok';
  const back = free ? await afterBack(tx, item, now) : null;
  return { complexId: item.complexId, itemId: item.id, itemName: item.name, waiterPersonId: back?.waiterPersonId ?? null, holdUntil: back?.holdUntil ?? null };
}

export type ReturnOutcome = ReturnDecision & { loan?: LoanRow; back?: BackNotice };

export async function returnItem(tx: Db, itemId: number, actor: Actor, opts: { condition: ReturnCondition; note: string | null; now: Date }): Promise<ReturnOutcome> {
  const { now } = opts;
  const item = await locked(tx, itemId);
  const state = await itemState(tx, item, now);
  const decision = decideReturn(state, { personId: actor.personId, coordinator: actor.coordinator, condition: opts.condition, note: opts.note });
  if (decision.kind !== 'return') return decision;
  const [loan] = await tx.update(loans).set({ returnedAt: now, returnCondition: opts.condition, returnNote: opts.note, returnedBy: decision.forced ? actor.personId : null, handoverTo: null })
    .where(eq(loans.id, decision.loanId)).returning();
  if (decision.repair) await tx.update(loanItems).set({ condition: 'repair', conditionNote: opts.note }).where(eq(loanItems.id, itemId));
  else if (opts.condition === 'attention') await tx.update(loanItems).set({ conditionNote: opts.note }).where(eq(loanItems.id, itemId));
  await audit(tx, { complexId: item.complexId, actorPersonId: actor.personId, action: 'loans.returned', at: now,
    data: { itemId, loanId: decision.loanId, condition: opts.condition, forced: decision.forced } });
  return { ...decision, loan: loan!, ...(decision.repair ? {} : { back: await afterBack(tx, item, now) }) };
}

/** A coordinator marks an item repaired (or found): available again, and whoever waited is told. */
export async function markRepaired(tx: Db, itemId: number, actor: Actor, now: Date): Promise<BackNotice | null> {
  const item = await locked(tx, itemId);
  if (item.condition === 'ok') return null;
  await tx.update(loanItems).set({ condition: 'ok', conditionNote: null }).where(eq(loanItems.id, itemId));
  await audit(tx, { complexId: item.complexId, actorPersonId: actor.personId, action: 'loans.repaired', at: now, data: { itemId, was: item.condition } });
  return afterBack(tx, item, now);
}

export async function markLost(tx: Db, itemId: number, actor: Actor, now: Date): Promise<void> {
  const item = await locked(tx, itemId);
  await tx.update(loanItems).set({ condition: 'lost' }).where(eq(loanItems.id, itemId));
  await audit(tx, { complexId: item.complexId, actorPersonId: actor.personId, action: 'loans.lost', at: now, data: { itemId } });
}

export async function renew(tx: Db, itemId: number, personId: number, now: Date): Promise<RenewDecision> {
  const item = await locked(tx, itemId);
  const decision = decideRenew(await itemState(tx, item, now), personId, now);
  if (decision.kind !== 'renew') return decision;
  await tx.update(loans).set({ dueAt: decision.dueAt, renewals: 1 }).where(eq(loans.id, decision.loanId));
  await audit(tx, { complexId: item.complexId, actorPersonId: personId, action: 'loans.renewed', at: now, data: { itemId, loanId: decision.loanId } });
  return decision;
}

export async function offerHandover(tx: Db, itemId: number, fromPersonId: number, toPersonId: number, now: Date): Promise<HandoverDecision> {
  const item = await locked(tx, itemId);
  const decision = decideHandover(await itemState(tx, item, now), fromPersonId, toPersonId);
  if (decision.kind !== 'offer') return decision;
  await tx.update(loans).set({ handoverTo: toPersonId }).where(eq(loans.id, decision.loanId));
  await audit(tx, { complexId: item.complexId, actorPersonId: fromPersonId, action: 'loans.handover_offered', at: now, data: { itemId, loanId: decision.loanId, toPersonId } });
  return decision;
}

export type HandoverAnswer = { kind: 'accepted'; loan: LoanRow; from: number } | { kind: 'declined'; from: number } | { kind: 'gone' } | { kind: 'not_for_you' };

/** The recipient confirms (a new loan in their name, same due time) or declines (the holder keeps it). */
export async function answerHandover(tx: Db, loanId: number, personId: number, accept: boolean, now: Date): Promise<HandoverAnswer> {
  const [peek] = await tx.select({ itemId: loans.itemId }).from(loans).where(eq(loans.id, loanId));
  if (!peek) return { kind: 'gone' };
  const item = await locked(tx, peek.itemId);
  const [loan] = await tx.select().from(loans).where(eq(loans.id, loanId));
  if (!loan || loan.returnedAt || loan.handoverTo === null) return { kind: 'gone' };
  if (loan.handoverTo !== personId) return { kind: 'not_for_you' };
  if (!accept) {
    await tx.update(loans).set({ handoverTo: null }).where(eq(loans.id, loanId));
    return { kind: 'declined', from: loan.borrowerPersonId };
  }
  await tx.update(loans).set({ returnedAt: now, returnCondition: 'handed_over', handoverTo: null }).where(eq(loans.id, loanId));
  const [next] = await tx.insert(loans).values({ complexId: loan.complexId, itemId: loan.itemId, borrowerPersonId: personId, outAt: now, dueAt: loan.dueAt })
    .returning();
  await audit(tx, { complexId: item.complexId, actorPersonId: personId, action: 'loans.handed_over', at: now, data: { itemId: item.id, from: loan.borrowerPersonId, loanId: next!.id } });
  return { kind: 'accepted', loan: next!, from: loan.borrowerPersonId };
}

export type ReserveOutcome = ReserveDecision & { reservationId?: number };

export async function reserve(tx: Db, itemId: number, personId: number, window: { startsAt: Date; endsAt: Date }, now: Date): Promise<ReserveOutcome> {
  const item = await locked(tx, itemId);
  const decision = decideReserve(await itemState(tx, item, now), { personId, ...window }, now);
  if (decision.kind !== 'reserve') return decision;
  const [row] = await tx.insert(loanReservations).values({ complexId: item.complexId, itemId, personId, ...window, createdAt: now }).returning({ id: loanReservations.id });
  await audit(tx, { complexId: item.complexId, actorPersonId: personId, action: 'loans.reserved', at: now, data: { itemId, reservationId: row!.id } });
  return { ...decision, reservationId: row!.id };
}

export async function joinWaitlist(tx: Db, itemId: number, personId: number, now: Date): Promise<WaitDecision> {
  const item = await locked(tx, itemId);
  const decision = decideWait(await itemState(tx, item, now), personId, now);
  if (decision.kind !== 'wait') return decision;
  // A hold that passed unused ends that place in line; asking again queues anew.
  await tx.update(loanWaitlist).set({ doneAt: now })
    .where(and(eq(loanWaitlist.itemId, itemId), eq(loanWaitlist.personId, personId), isNull(loanWaitlist.doneAt), lte(loanWaitlist.holdUntil, now)));
  await tx.insert(loanWaitlist).values({ complexId: item.complexId, itemId, personId, createdAt: now }).onConflictDoNothing();
  return decision;
}

export type RequestAnswer =
  | { kind: 'decided' }
  | { kind: 'refused'; personId: number; itemId: number }
  | ({ kind: 'approved'; personId: number; itemId: number } & { outcome: CheckoutOutcome });

/** A coordinator approves (the loan is made, as if they lent it) or refuses a waiting request. */
export async function answerRequest(tx: Db, requestId: number, coordinatorId: number, approve: boolean, now: Date): Promise<RequestAnswer> {
  const rows = await tx.update(loanRequests).set({ decision: approve ? 'approved' : 'refused', decidedBy: coordinatorId, decidedAt: now })
    .where(and(eq(loanRequests.id, requestId), isNull(loanRequests.decision))).returning();
  const request = rows[0];
  if (!request) return { kind: 'decided' };
  await audit(tx, { complexId: request.complexId, actorPersonId: coordinatorId, action: approve ? 'loans.approved' : 'loans.refused', at: now, data: { requestId } });
  if (!approve) return { kind: 'refused', personId: request.personId, itemId: request.itemId };
  // The asked time, unless it has passed meanwhile: then the usual length from now.
  const outcome = await checkout(tx, request.itemId, { personId: request.personId, coordinator: false }, { dueAt: request.dueAt > now ? request.dueAt : null, approved: true, now });
  if (outcome.kind === 'lend' && outcome.loanId) await tx.update(loans).set({ approvedBy: coordinatorId }).where(eq(loans.id, outcome.loanId));
  return { kind: 'approved', personId: request.personId, itemId: request.itemId, outcome };
}
