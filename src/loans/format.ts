import type { Ctx, Reply } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg, type MessageKey, type Msg } from '../i18n/index.js';
import type { Button } from '../platform.js';
import { whenMsg } from '../rota/format.js';
import { resolveItem } from './match.js';
import { statusOf, type ItemState } from './rules.js';
import { listItems, personName, type ItemRow } from './store.js';

/** Messages and buttons of the loans capability (dates as message keys, so each reader sees their language). */

export function due(at: Date, ctx: Pick<Ctx, 'complex'>): Msg {
  return whenMsg(at, ctx.complex?.timezone ?? 'Europe/Amsterdam');
}

export function icon(item: Pick<ItemRow, 'kind'>): Msg {
  return msg(`loans.kind.${item.kind === 'key' || item.kind === 'supply' ? item.kind : 'tool'}` as MessageKey);
}

export function noteMsg(note: string | null | undefined): Msg | string {
  return note ? msg('loans.note', { note }) : '';
}

export async function statusMsg(ctx: Ctx, state: ItemState): Promise<Msg> {
  const status = statusOf(state, ctx.now);
  if (status === 'out') {
    return msg('loans.status.out', { name: await personName(ctx.db, state.openLoan!.borrowerPersonId), due: due(state.openLoan!.dueAt, ctx) });
  }
  return msg(`loans.status.${status}` as MessageKey);
}

export const act = {
  borrow: (itemId: number) => `loan:b:${itemId}`,
  borrowUntil: (itemId: number, dueAt: Date) => `loan:b:${itemId}:${Math.round(dueAt.getTime() / 60_000)}`,
  returnAsk: (itemId: number) => `loan:r:${itemId}`,
  returnAs: (itemId: number, cond: 'ok' | 'attention' | 'broken') => `loan:rc:${itemId}:${cond}`,
  where: (itemId: number) => `loan:w:${itemId}`,
  card: (itemId: number) => `loan:it:${itemId}`,
  wait: (itemId: number) => `loan:q:${itemId}`,
  renew: (itemId: number) => `loan:rn:${itemId}`,
  repaired: (itemId: number) => `loan:fx:${itemId}`,
  lost: (itemId: number) => `loan:lost:${itemId}`,
  sticker: (itemId: number) => `loan:st:${itemId}`,
  history: (itemId: number) => `loan:h:${itemId}`,
  request: (requestId: number, yes: boolean) => `loan:ap:${requestId}:${yes ? 1 : 0}`,
  handover: (loanId: number, yes: boolean) => `loan:ho:${loanId}:${yes ? 1 : 0}`,
  cancelReservation: (reservationId: number) => `loan:rx:${reservationId}`,
  /** Times in minutes since the epoch, like borrowUntil. */
  reserve: (itemId: number, startsAt: Date, endsAt: Date) =>
    `loan:rv:${itemId}:${Math.round(startsAt.getTime() / 60_000)}:${Math.round(endsAt.getTime() / 60_000)}`,
  no: 'loan:no',
  /**
   * The Yes of a question someone asked (borrow, reserve, which item?): pressable by them alone, since in a
   * group a neighbour's press would borrow for the neighbour. 'loan:b:…' becomes 'loan:bm:<person>:…'.
   */
  askedBy: (personId: number, action: string) => action.replace(/^loan:(b|rv|it):/, `loan:$1m:${personId}:`),
};

export function conditionButtons(itemId: number): Button[][] {
  return [[{ label: msg('loans.button.condOk'), action: act.returnAs(itemId, 'ok'), style: 'primary' }],
    [{ label: msg('loans.button.condAttention'), action: act.returnAs(itemId, 'attention') }, { label: msg('loans.button.condBroken'), action: act.returnAs(itemId, 'broken'), style: 'danger' }]];
}

/** Up to six items as buttons; each press runs `action` for that item. */
export function itemButtons(items: ItemRow[], action: (id: number) => string): Button[][] {
  return items.slice(0, 6).map((i) => [{ label: msg('loans.button.item', { icon: icon(i), item: i.name }), action: action(i.id) }]);
}

/**
 * The item a text names, or the answer that helps instead: no items here, which one (buttons that run
 * the same action), or unknown with the closest names as buttons. `minimum` is raised for free text.
 */
export async function itemOrChoice(ctx: Ctx, text: string, action: (id: number) => string, usage: MessageKey, minimum?: number): Promise<ItemRow | Reply> {
  const items = await listItems(ctx.db, ctx.complex!.id);
  if (items.length === 0) throw new UserError(msg('loans.error.noItems'));
  if (!text.trim()) {
    return reply(msg(usage), { buttons: itemButtons(items, action) });
  }
  const found = resolveItem(text, items, minimum);
  if (found.kind === 'one') return items.find((i) => i.id === found.itemId)!;
  if (found.kind === 'choose') {
    const choices = found.itemIds.map((id) => items.find((i) => i.id === id)!);
    return reply(msg('loans.ask.which'), { buttons: [...itemButtons(choices, action), [{ label: msg('loans.button.no'), action: act.no }]] });
  }
  const closest = found.closest.map((id) => items.find((i) => i.id === id)!);
  if (closest.length === 0) throw new UserError(msg('loans.error.unknownNoSuggestion', { text: text.trim().slice(0, 60) }));
  return reply(msg('loans.error.unknown', { text: text.trim().slice(0, 60), names: closest.map((c) => c.name).join(' / ') }),
    { buttons: itemButtons(closest, action) });
}
