import type { Ctx, Reply } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg, type Msg } from '../i18n/index.js';
import type { Button } from '../platform.js';
import { reportBrokenItem, tellCoordinators } from './broken.js';
import { act, conditionButtons, due, icon, noteMsg, statusMsg } from './format.js';
import { decideReturn, type CheckoutDecision, type ItemState, type ReturnCondition, type ReturnDecision } from './rules.js';
import { checkout, returnItem, type Actor, type BackNotice, type CheckoutOutcome } from './service.js';
import { coordinatorsOf, getItem, itemState, loansOfPerson, personName, type ItemRow } from './store.js';

/** What borrowing, returning and asking about an item answer: shared by commands, buttons, free text and stickers. */

export function actor(ctx: Ctx): Actor {
  return { personId: ctx.person.id, coordinator: ctx.role === 'coordinator' };
}

/** Why a check-out was refused, in words; the reply for "it is out" offers the waitlist. */
export async function checkoutRefusal(ctx: Ctx, item: ItemRow, d: Extract<CheckoutDecision, { kind: 'refuse' }>, asked: Date | null): Promise<Reply> {
  const name = item.name;
  switch (d.reason) {
    case 'out':
      return reply(msg('loans.refuse.out', { item: name, holder: await personName(ctx.db, d.holderPersonId), due: due(d.dueAt, ctx) }),
        { buttons: [[{ label: msg('loans.button.notify'), action: act.wait(item.id) }]] });
    case 'already_yours': return reply(msg('loans.refuse.already', { item: name }), { buttons: [[{ label: msg('loans.button.return'), action: act.returnAsk(item.id) }]] });
    case 'repair': throw new UserError(msg('loans.refuse.repair', { item: name }));
    case 'lost': throw new UserError(msg('loans.refuse.lost', { item: name }));
    case 'archived': throw new UserError(msg('loans.refuse.archived', { item: name }));
    case 'due_past': throw new UserError(msg('loans.refuse.duePast', { due: due(asked ?? ctx.now, ctx) }));
    case 'due_too_far': throw new UserError(msg('loans.refuse.dueTooFar', { item: name, days: Math.floor(d.maxHours / 24) }));
    case 'reserved':
      throw new UserError(msg('loans.refuse.reserved', { item: name, name: await personName(ctx.db, d.byPersonId), from: due(d.startsAt, ctx), to: due(d.endsAt, ctx) }));
    case 'held':
      return reply(msg('loans.refuse.held', { item: name, name: await personName(ctx.db, d.byPersonId), until: due(d.until, ctx) }),
        { buttons: [[{ label: msg('loans.button.notify'), action: act.wait(item.id) }]] });
    case 'overdue_elsewhere': {
      const late = (await loansOfPerson(ctx.db, item.complexId, ctx.person.id)).filter((l) => l.dueAt < ctx.now);
      throw new UserError(msg('loans.refuse.overdue', { items: late.map((l) => l.itemName).join(', ') }));
    }
  }
}

/** Coordinators are asked, with buttons, to approve a loan that needs approval. */
async function requestReplies(ctx: Ctx, item: ItemRow, outcome: CheckoutOutcome & { kind: 'request' }): Promise<Reply[]> {
  const ask = msg('loans.request.ask', { name: ctx.person.displayName, item: item.name, due: due(outcome.dueAt, ctx) });
  const buttons: Button[][] = [[{ label: msg('loans.button.approve'), action: act.request(outcome.requestId!, true), style: 'primary' },
    { label: msg('loans.button.refuse'), action: act.request(outcome.requestId!, false) }]];
  const coordinators = await coordinatorsOf(ctx.db, item.complexId);
  return [reply(msg('loans.request.sent', { item: item.name })), ...coordinators.map((c) => reply(ask, { to: { personId: c }, buttons }))];
}

export function lentReply(ctx: Ctx, item: ItemRow, outcome: CheckoutOutcome, borrower: string): Reply {
  const body: Msg[] = [msg('loans.lent', { name: borrower, item: item.name, due: due(outcome.kind === 'lend' ? outcome.dueAt : ctx.now, ctx) })];
  if (outcome.turn) body.push(msg('loans.lent.forTurn', { task: outcome.turn.task }));
  if (item.location) body.push(msg('loans.lent.location', { location: item.location }));
  return reply(body, { buttons: [[{ label: msg('loans.button.return'), action: act.returnAsk(item.id) }, { label: msg('loans.button.renew'), action: act.renew(item.id) }]] });
}

export async function borrowReply(ctx: Ctx, item: ItemRow, dueAt: Date | null): Promise<Reply | Reply[]> {
  const outcome = await checkout(ctx.db, item.id, actor(ctx), { dueAt, now: ctx.now });
  switch (outcome.kind) {
    case 'lend': return lentReply(ctx, item, outcome, ctx.person.displayName);
    case 'request': return requestReplies(ctx, item, outcome);
    case 'refuse': return checkoutRefusal(ctx, item, outcome, dueAt);
  }
}

/** Messages to whoever waited or reserved, now that the item is back. */
export function backReplies(item: ItemRow, back: BackNotice | undefined, ctx: Ctx): Reply[] {
  const out: Reply[] = [];
  if (back?.waiterPersonId && back.holdUntil) {
    out.push(reply(msg('loans.back.waiter', { item: item.name, until: due(back.holdUntil, ctx) }),
      { to: { personId: back.waiterPersonId }, buttons: [[{ label: msg('loans.button.borrow'), action: act.borrow(item.id), style: 'primary' }]] }));
  }
  if (back?.reserver && back.reserver.personId !== back.waiterPersonId) {
    out.push(reply(msg('loans.back.reserver', { item: item.name, from: due(back.reserver.startsAt, ctx) }), { to: { personId: back.reserver.personId } }));
  }
  return out;
}

export async function returnReply(ctx: Ctx, item: ItemRow, condition: ReturnCondition, note: string | null): Promise<Reply[]> {
  const outcome = await returnItem(ctx.db, item.id, actor(ctx), { condition, note, now: ctx.now });
  if (outcome.kind === 'refuse') return refuseReturn(ctx, item, await itemState(ctx.db, item, ctx.now), outcome.reason);
  const loan = outcome.loan!;
  const borrower = await personName(ctx.db, loan.borrowerPersonId);
  const out: Reply[] = [];
  if (outcome.forced) out.push(reply(msg('loans.returned.forced', { by: ctx.person.displayName, item: item.name, name: borrower, note: note ?? '' })));
  else if (condition === 'ok') out.push(reply(msg('loans.returned.ok', { name: borrower, item: item.name })));
  else if (condition === 'attention') out.push(reply(msg('loans.returned.attention', { item: item.name, note: noteMsg(note) })));
  else out.push(reply(msg('loans.returned.broken', { item: item.name, note: noteMsg(note) })));
  if (condition === 'broken') {
    await reportBrokenItem(ctx.db, { complexId: item.complexId, itemId: item.id, itemName: item.name, loanId: loan.id,
      reporterPersonId: ctx.person.id, reporterName: borrower, note, now: ctx.now, platforms: [ctx.platform.name] });
  } else if (condition === 'attention') {
    await tellCoordinators(ctx.db, item.complexId, `loan-attention:${loan.id}`, [msg('loans.attention.coordinator', { name: borrower, item: item.name, note: noteMsg(note) })],
      { now: ctx.now, platforms: [ctx.platform.name] });
  }
  return [...out, ...backReplies(item, outcome.back, ctx)];
}

async function refuseReturn(ctx: Ctx, item: ItemRow, state: ItemState, reason: Extract<ReturnDecision, { kind: 'refuse' }>['reason']): Promise<never> {
  const holder = state.openLoan ? await personName(ctx.db, state.openLoan.borrowerPersonId) : '';
  switch (reason) {
    case 'not_out': throw new UserError(msg('loans.refuse.notOut', { item: item.name }));
    case 'not_holder': throw new UserError(msg('loans.refuse.notHolder', { item: item.name, holder }));
    case 'note_needed': throw new UserError(msg('loans.refuse.noteNeeded', { item: item.name, holder }));
  }
}

/**
 * Asks how it comes back — unless it cannot be returned by this person now (not out, someone else's,
 * a coordinator without a note): that is said at once, not after the condition buttons.
 */
export async function returnAsk(ctx: Ctx, item: ItemRow): Promise<Reply> {
  const state = await itemState(ctx.db, item, ctx.now);
  const decision = decideReturn(state, { ...actor(ctx), condition: 'ok', note: null });
  if (decision.kind === 'refuse') return refuseReturn(ctx, item, state, decision.reason);
  return reply(msg('loans.ask.condition', { item: item.name }), { buttons: conditionButtons(item.id) });
}

/** "Who has it?": holder, since when, due, hold, next reservation, place. */
export async function whereReply(ctx: Ctx, item: ItemRow): Promise<Reply> {
  const state = await itemState(ctx.db, item, ctx.now);
  const body: Msg[] = [];
  const base = { icon: icon(item), item: item.name };
  const loan = state.openLoan;
  if (item.condition === 'repair') body.push(msg('loans.where.repair', { ...base, note: noteMsg(item.conditionNote) }));
  else if (item.condition === 'lost') body.push(msg('loans.where.lost', base));
  else if (loan) {
    body.push(msg('loans.where.out', { ...base, holder: await personName(ctx.db, loan.borrowerPersonId), since: due(loan.outAt, ctx), due: due(loan.dueAt, ctx) }));
    if (loan.dueAt < ctx.now) body.push(msg('loans.where.overdue'));
    if (loan.handoverTo) body.push(msg('loans.where.handover', { name: await personName(ctx.db, loan.handoverTo) }));
  } else body.push(msg('loans.where.available', base));
  if (state.hold) body.push(msg('loans.where.hold', { name: await personName(ctx.db, state.hold.personId), until: due(state.hold.holdUntil, ctx) }));
  const next = state.reservations[0];
  if (next) body.push(msg('loans.where.next', { name: await personName(ctx.db, next.personId), from: due(next.startsAt, ctx), to: due(next.endsAt, ctx) }));
  if (item.location) body.push(msg('loans.where.location', { location: item.location }));
  return reply(body, { buttons: cardButtons(ctx, item, loan?.borrowerPersonId === ctx.person.id, !loan && item.condition === 'ok') });
}

export function cardButtons(ctx: Ctx, item: ItemRow, holder: boolean, free: boolean): Button[][] {
  const rows: Button[][] = [];
  if (holder) rows.push([{ label: msg('loans.button.return'), action: act.returnAsk(item.id), style: 'primary' }, { label: msg('loans.button.renew'), action: act.renew(item.id) }]);
  else if (free) rows.push([{ label: msg('loans.button.borrow'), action: act.borrow(item.id), style: 'primary' }]);
  else if (item.condition === 'ok') rows.push([{ label: msg('loans.button.notify'), action: act.wait(item.id) }]);
  if (ctx.role === 'coordinator') {
    rows.push([{ label: msg('loans.button.history'), action: act.history(item.id) }, { label: msg('loans.button.sticker'), action: act.sticker(item.id) }]);
    rows.push(item.condition === 'ok' ? [{ label: msg('loans.button.lost'), action: act.lost(item.id) }] : [{ label: msg('loans.button.repaired'), action: act.repaired(item.id) }]);
  }
  return rows;
}

/** The item card a sticker or `/item <name>` opens: status and "Borrow / Return / Who has it?". */
export async function cardReply(ctx: Ctx, item: ItemRow): Promise<Reply> {
  const state = await itemState(ctx.db, item, ctx.now);
  const holder = state.openLoan?.borrowerPersonId === ctx.person.id;
  const rows: Button[][] = [];
  if (holder) rows.push([{ label: msg('loans.button.return'), action: act.returnAsk(item.id), style: 'primary' }]);
  else rows.push([{ label: msg('loans.button.borrow'), action: act.borrow(item.id), style: 'primary' }]);
  rows.push([{ label: msg('loans.button.where'), action: act.where(item.id) }]);
  return reply([msg('loans.list.line', { icon: icon(item), item: item.name, status: await statusMsg(ctx, state) }), msg('loans.card.hint')], { buttons: rows });
}

export async function itemById(ctx: Ctx, id: number): Promise<ItemRow> {
  const item = await getItem(ctx.db, id);
  if (!item || item.complexId !== ctx.complex?.id) throw new UserError(msg('loans.error.gone'));
  return item;
}
