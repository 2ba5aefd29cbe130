/**
 * The loan rules as pure deciders: given what is known about one item (its open loan, reservations
 * and waitlist hold) and a request, they say what happens. The service loads the state under the
 * item's row lock, asks the decider, and stores the decision in the same transaction.
 */

const HOUR = 3_600_000;

export type Condition = 'ok' | 'repair' | 'lost';
export type ReturnCondition = 'ok' | 'attention' | 'broken';
export type ItemStatus = 'available' | 'out' | 'reserved' | 'repair' | 'lost';

export interface ItemFacts {
  id: number;
  name: string;
  condition: Condition;
  needsApproval: boolean;
  loanHours: number;
  archived: boolean;
}
export interface OpenLoan { id: number; borrowerPersonId: number; outAt: Date; dueAt: Date; renewals: number; handoverTo: number | null }
export interface Reservation { id: number; personId: number; startsAt: Date; endsAt: Date }
export interface Hold { personId: number; holdUntil: Date }

export interface ItemState {
  item: ItemFacts;
  openLoan: OpenLoan | null;
  /** Reservations not cancelled and not yet ended, earliest first. */
  reservations: Reservation[];
  /** A waitlist hold in force (someone was told the item is back). */
  hold: Hold | null;
}

/** The longest a loan may run: four times the usual length, at least a week, at most 30 days. */
export function maxLoanHours(item: Pick<ItemFacts, 'loanHours'>): number {
  return Math.min(30 * 24, Math.max(7 * 24, item.loanHours * 4));
}
/** The longest a reservation window may be. */
export const MAX_RESERVATION_HOURS = 14 * 24;
/** How far ahead a reservation may start. */
export const MAX_RESERVATION_AHEAD_DAYS = 90;
/** How long the first in line may pick the item up after it came back. */
export const HOLD_HOURS = 2;

function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}

/** What residents see: stored condition first, then an open loan, then a reservation or hold now. */
export function statusOf(state: ItemState, now: Date): ItemStatus {
  if (state.item.condition !== 'ok') return state.item.condition;
  if (state.openLoan) return 'out';
  if ((state.hold && state.hold.holdUntil > now) || state.reservations.some((r) => r.startsAt <= now && r.endsAt > now)) return 'reserved';
  return 'available';
}

export type CheckoutRefusal =
  | { reason: 'archived' | 'repair' | 'lost' | 'already_yours' | 'due_past' | 'overdue_elsewhere' }
  | { reason: 'out'; holderPersonId: number; dueAt: Date }
  | { reason: 'reserved'; byPersonId: number; startsAt: Date; endsAt: Date }
  | { reason: 'held'; byPersonId: number; until: Date }
  | { reason: 'due_too_far'; maxHours: number };

export type CheckoutDecision =
  | { kind: 'lend'; dueAt: Date; usesReservationId: number | null }
  | { kind: 'request'; dueAt: Date }
  | ({ kind: 'refuse' } & CheckoutRefusal);

export interface CheckoutRequest {
  personId: number;
  /** Given by the borrower, or null for the item's usual length. */
  dueAt: Date | null;
  /** The borrower holds another item past its due time. */
  overdueElsewhere: boolean;
  /** A coordinator lending (or approving): may override the overdue block and the approval. */
  coordinator: boolean;
  /** The request was already approved by a coordinator. */
  approved: boolean;
}

export function decideCheckout(state: ItemState, req: CheckoutRequest, now: Date): CheckoutDecision {
  const { item } = state;
  if (item.archived) return { kind: 'refuse', reason: 'archived' };
  if (item.condition === 'repair') return { kind: 'refuse', reason: 'repair' };
  if (item.condition === 'lost') return { kind: 'refuse', reason: 'lost' };
  if (state.openLoan) {
    if (state.openLoan.borrowerPersonId === req.personId) return { kind: 'refuse', reason: 'already_yours' };
    return { kind: 'refuse', reason: 'out', holderPersonId: state.openLoan.borrowerPersonId, dueAt: state.openLoan.dueAt };
  }
  const dueAt = req.dueAt ?? new Date(now.getTime() + item.loanHours * HOUR);
  if (dueAt <= now) return { kind: 'refuse', reason: 'due_past' };
  const maxHours = maxLoanHours(item);
  if (dueAt.getTime() - now.getTime() > maxHours * HOUR) return { kind: 'refuse', reason: 'due_too_far', maxHours };
  if (state.hold && state.hold.holdUntil > now && state.hold.personId !== req.personId) {
    return { kind: 'refuse', reason: 'held', byPersonId: state.hold.personId, until: state.hold.holdUntil };
  }
  const window = { startsAt: now, endsAt: dueAt };
  const clash = state.reservations.find((r) => r.personId !== req.personId && overlaps(r, window));
  if (clash) return { kind: 'refuse', reason: 'reserved', byPersonId: clash.personId, startsAt: clash.startsAt, endsAt: clash.endsAt };
  if (req.overdueElsewhere && !req.coordinator) return { kind: 'refuse', reason: 'overdue_elsewhere' };
  if (item.needsApproval && !req.approved && !req.coordinator) return { kind: 'request', dueAt };
  const mine = state.reservations.find((r) => r.personId === req.personId && r.startsAt <= now && r.endsAt > now);
  return { kind: 'lend', dueAt, usesReservationId: mine?.id ?? null };
}

export type ReturnDecision =
  | { kind: 'return'; loanId: number; forced: boolean; repair: boolean }
  | { kind: 'refuse'; reason: 'not_out' | 'not_holder' | 'note_needed' };

export interface ReturnRequest { personId: number; coordinator: boolean; condition: ReturnCondition; note: string | null }

/** The holder returns; a coordinator may record the return of someone else's loan, with a note saying why. */
export function decideReturn(state: ItemState, req: ReturnRequest): ReturnDecision {
  const loan = state.openLoan;
  if (!loan) return { kind: 'refuse', reason: 'not_out' };
  const holder = loan.borrowerPersonId === req.personId;
  if (!holder && !req.coordinator) return { kind: 'refuse', reason: 'not_holder' };
  if (!holder && !req.note) return { kind: 'refuse', reason: 'note_needed' };
  return { kind: 'return', loanId: loan.id, forced: !holder, repair: req.condition === 'broken' };
}

export type RenewDecision =
  | { kind: 'renew'; loanId: number; dueAt: Date }
  | { kind: 'refuse'; reason: 'not_holder' | 'renewed_once' }
  | { kind: 'refuse'; reason: 'reserved'; byPersonId: number; startsAt: Date };

/** One extension by the usual length, without a coordinator, when no one else reserved the item for it. */
export function decideRenew(state: ItemState, personId: number, now: Date): RenewDecision {
  const loan = state.openLoan;
  if (!loan || loan.borrowerPersonId !== personId) return { kind: 'refuse', reason: 'not_holder' };
  if (loan.renewals >= 1) return { kind: 'refuse', reason: 'renewed_once' };
  const base = Math.max(loan.dueAt.getTime(), now.getTime());
  const dueAt = new Date(base + state.item.loanHours * HOUR);
  const clash = state.reservations.find((r) => r.personId !== personId && overlaps(r, { startsAt: loan.dueAt, endsAt: dueAt }));
  if (clash) return { kind: 'refuse', reason: 'reserved', byPersonId: clash.personId, startsAt: clash.startsAt };
  if (state.hold) return { kind: 'refuse', reason: 'reserved', byPersonId: state.hold.personId, startsAt: loan.dueAt };
  return { kind: 'renew', loanId: loan.id, dueAt };
}

export type HandoverDecision =
  | { kind: 'offer'; loanId: number }
  | { kind: 'refuse'; reason: 'not_holder' | 'self' };

export function decideHandover(state: ItemState, fromPersonId: number, toPersonId: number): HandoverDecision {
  const loan = state.openLoan;
  if (!loan || loan.borrowerPersonId !== fromPersonId) return { kind: 'refuse', reason: 'not_holder' };
  if (toPersonId === fromPersonId) return { kind: 'refuse', reason: 'self' };
  return { kind: 'offer', loanId: loan.id };
}

export type ReserveDecision =
  | { kind: 'reserve' }
  | { kind: 'refuse'; reason: 'archived' | 'lost' | 'bad_window' | 'past' | 'too_long' | 'too_far_ahead' }
  | { kind: 'refuse'; reason: 'overlap'; byPersonId: number; startsAt: Date; endsAt: Date }
  | { kind: 'refuse'; reason: 'out'; holderPersonId: number; dueAt: Date };

export function decideReserve(state: ItemState, req: { personId: number; startsAt: Date; endsAt: Date }, now: Date): ReserveDecision {
  if (state.item.archived) return { kind: 'refuse', reason: 'archived' };
  if (state.item.condition === 'lost') return { kind: 'refuse', reason: 'lost' };
  if (req.endsAt <= req.startsAt) return { kind: 'refuse', reason: 'bad_window' };
  if (req.endsAt <= now) return { kind: 'refuse', reason: 'past' };
  if (req.endsAt.getTime() - req.startsAt.getTime() > MAX_RESERVATION_HOURS * HOUR) return { kind: 'refuse', reason: 'too_long' };
  if (req.startsAt.getTime() - now.getTime() > MAX_RESERVATION_AHEAD_DAYS * 24 * HOUR) return { kind: 'refuse', reason: 'too_far_ahead' };
  const clash = state.reservations.find((r) => overlaps(r, req));
  if (clash) return { kind: 'refuse', reason: 'overlap', byPersonId: clash.personId, startsAt: clash.startsAt, endsAt: clash.endsAt };
  // Someone else may keep it until their due time: a window before that would start without the item.
  const loan = state.openLoan;
  if (loan && loan.borrowerPersonId !== req.personId && loan.dueAt > req.startsAt) return { kind: 'refuse', reason: 'out', holderPersonId: loan.borrowerPersonId, dueAt: loan.dueAt };
  return { kind: 'reserve' };
}

export type WaitDecision = { kind: 'wait' } | { kind: 'refuse'; reason: 'available' | 'holder' | 'archived' };

export function decideWait(state: ItemState, personId: number, now: Date): WaitDecision {
  if (state.item.archived) return { kind: 'refuse', reason: 'archived' };
  if (state.openLoan?.borrowerPersonId === personId) return { kind: 'refuse', reason: 'holder' };
  const status = statusOf(state, now);
  if (status === 'available') return { kind: 'refuse', reason: 'available' };
  return { kind: 'wait' };
}

export interface ReservationFacts { personId: number; startsAt: Date; endsAt: Date; cancelledAt: Date | null }

export type CancelDecision =
  | { kind: 'cancel'; forced: boolean; inForce: boolean }
  | { kind: 'refuse'; reason: 'gone' | 'not_yours' };

/** The reserver cancels their own reservation; a coordinator anyone's. A cancelled or ended one is gone. */
export function decideCancelReservation(r: ReservationFacts | null, actor: { personId: number; coordinator: boolean }, now: Date): CancelDecision {
  if (!r || r.cancelledAt || r.endsAt <= now) return { kind: 'refuse', reason: 'gone' };
  const own = r.personId === actor.personId;
  if (!own && !actor.coordinator) return { kind: 'refuse', reason: 'not_yours' };
  return { kind: 'cancel', forced: !own, inForce: r.startsAt <= now };
}
