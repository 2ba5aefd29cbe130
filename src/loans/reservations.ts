import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { loanItems, loanReservations, people } from '../db/schema/index.js';
import type { ButtonDef, CommandDef, Ctx, Reply } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import { audit } from '../tenancy/queries.js';
import { actor, backReplies, itemById } from './actions.js';
import { act, due, itemOrChoice } from './format.js';
import { decideCancelReservation, type CancelDecision } from './rules.js';
import { afterBack, type Actor, type BackNotice } from './service.js';
import { itemState, lockItem } from './store.js';

/**
 * Cancelling a reservation: the reserver their own, a coordinator anyone's (the reserver is told).
 * Under the item's lock like every other change; when the cancelled window was in force and the
 * item is free, the first on the waitlist gets their hold, as after a return.
 */

type ReservationRow = typeof loanReservations.$inferSelect;
const idOf = (arg: string | undefined): number => (Number.isSafeInteger(Number(arg)) && Number(arg) > 0 ? Number(arg) : 0);
export type CancelOutcome = CancelDecision & { reservation?: ReservationRow; back?: BackNotice | null };

export async function cancelReservation(tx: Db, reservationId: number, who: Actor, now: Date): Promise<CancelOutcome> {
  const [peek] = await tx.select({ itemId: loanReservations.itemId }).from(loanReservations).where(eq(loanReservations.id, reservationId));
  if (!peek) return { kind: 'refuse', reason: 'gone' };
  const item = await lockItem(tx, peek.itemId);
  const [r] = await tx.select().from(loanReservations).where(eq(loanReservations.id, reservationId));
  const decision = decideCancelReservation(r ?? null, who, now);
  if (decision.kind !== 'cancel' || !item || !r) return decision;
  await tx.update(loanReservations).set({ cancelledAt: now }).where(eq(loanReservations.id, r.id));
  await audit(tx, { complexId: r.complexId, actorPersonId: who.personId, action: 'loans.reservation_cancelled', at: now,
    data: { itemId: r.itemId, reservationId: r.id, personId: r.personId, forced: decision.forced } });
  let back: BackNotice | null = null;
  if (decision.inForce) {
    const state = await itemState(tx, item, now);
    if (!state.openLoan && !state.hold && !state.item.archived && state.item.condition === 'ok') back = await afterBack(tx, item, now);
  }
  return { ...decision, reservation: r, back };
}

/** Reservations not cancelled and not yet ended: one person's, or (coordinators) everyone's; optionally of one item. */
async function upcoming(db: Db, complexId: number, opts: { personId?: number; itemId?: number }, now: Date) {
  return db.select({ id: loanReservations.id, itemId: loanReservations.itemId, item: loanItems.name, personId: loanReservations.personId,
    name: people.displayName, startsAt: loanReservations.startsAt, endsAt: loanReservations.endsAt })
    .from(loanReservations).innerJoin(loanItems, eq(loanItems.id, loanReservations.itemId)).innerJoin(people, eq(people.id, loanReservations.personId))
    .where(and(eq(loanReservations.complexId, complexId), isNull(loanReservations.cancelledAt), gt(loanReservations.endsAt, now),
      opts.personId ? eq(loanReservations.personId, opts.personId) : undefined, opts.itemId ? eq(loanReservations.itemId, opts.itemId) : undefined))
    .orderBy(asc(loanReservations.startsAt)).limit(10);
}

export async function cancelReply(ctx: Ctx, reservationId: number, fromButton: boolean): Promise<Reply[]> {
  const outcome = await cancelReservation(ctx.db, reservationId, actor(ctx), ctx.now);
  if (outcome.kind === 'refuse') throw new UserError(msg(outcome.reason === 'gone' ? 'loans.cancel.gone' : 'loans.cancel.notYours'));
  const r = outcome.reservation!;
  const item = await itemById(ctx, r.itemId);
  const words = { item: item.name, from: due(r.startsAt, ctx), to: due(r.endsAt, ctx) };
  const out: Reply[] = [reply(msg('loans.cancel.done', words), fromButton ? { editOriginal: true } : {})];
  if (outcome.forced) out.push(reply(msg('loans.cancel.byCoordinator', { ...words, by: ctx.person.displayName }), { to: { personId: r.personId } }));
  // Only the waiter: a later reservation is not affected by this one going away.
  return [...out, ...backReplies(item, outcome.back ? { ...outcome.back, reserver: null } : undefined, ctx)];
}

/** `/afzeggen [item]`: cancel your reservation of an item at once, or choose one (coordinators: anyone's). */
async function cancelCommand(ctx: Ctx, args: string): Promise<Reply | Reply[]> {
  let itemId: number | undefined;
  if (args.trim()) {
    const found = await itemOrChoice(ctx, args, act.where, 'loans.usage.cancel');
    if ('body' in found) return found;
    itemId = found.id;
  }
  const mine = await upcoming(ctx.db, ctx.complex!.id, { personId: ctx.person.id, itemId }, ctx.now);
  if (itemId && mine.length === 1) return cancelReply(ctx, mine[0]!.id, false);
  const rows = mine.length > 0 || ctx.role !== 'coordinator' ? mine : await upcoming(ctx.db, ctx.complex!.id, { itemId }, ctx.now);
  if (rows.length === 0) throw new UserError(msg('loans.cancel.none'));
  return reply(msg('loans.cancel.which'), { buttons: rows.map((r) => [{
    label: msg('loans.button.cancelOne', { item: r.item, name: r.name, from: due(r.startsAt, ctx) }), action: act.cancelReservation(r.id),
  }]) });
}

export const reservationCommands: CommandDef[] = [{
  names: { nl: ['afzeggen', 'reserveringafzeggen'], en: ['unreserve'] },
  help: 'loans.help.cancel',
  subject: 'item',
  requires: 'complex',
  run: cancelCommand,
}];

export const reservationButtons: ButtonDef[] = [{
  prefix: 'loan:rx',
  requires: 'complex',
  async scope(ctx, args) {
    const [row] = await ctx.db.select({ complexId: loanReservations.complexId }).from(loanReservations).where(eq(loanReservations.id, idOf(args[0])));
    return row?.complexId ?? null;
  },
  run: (ctx, args) => cancelReply(ctx, idOf(args[0]), true),
}];
