import type { CommandDef, Ctx, Reply } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg, type Msg } from '../i18n/index.js';
import { audit, findMember } from '../tenancy/queries.js';
import { borrowReply, checkoutRefusal, lentReply, returnAsk, returnReply, whereReply } from './actions.js';
import { readDue, readWindow } from './due.js';
import { act, due, icon, itemButtons, itemOrChoice, statusMsg } from './format.js';
import type { ReturnCondition } from './rules.js';
import { checkout, offerHandover, renew, reserve } from './service.js';
import { itemState, listItems, loansOfPerson, personName, type ItemRow } from './store.js';

/** The loan commands: list, borrow, return, where, renew, give, reserve. */

export async function listReply(ctx: Ctx): Promise<Reply> {
  const items = await listItems(ctx.db, ctx.complex!.id);
  const coordinatorRow = ctx.role === 'coordinator' ? [[{ label: msg('loans.button.newItem'), action: 'loan:wz:new' }]] : [];
  if (items.length === 0) return reply(msg('loans.list.empty'), { buttons: coordinatorRow });
  const lines: Msg[] = [msg('loans.list.title')];
  for (const item of items.slice(0, 30)) {
    lines.push(msg('loans.list.line', { icon: icon(item), item: item.name, status: await statusMsg(ctx, await itemState(ctx.db, item, ctx.now)) }));
  }
  const buttons = items.slice(0, 12).map((i) => ({ label: msg('loans.button.item', { icon: icon(i), item: i.name }), action: act.card(i.id) }));
  const rows = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return reply(lines, { buttons: [...rows, ...coordinatorRow] });
}

const FOR_SOMEONE = /\s(?:voor|for)\s+(@?\S+)\s*$/i;

/**
 * `/leen ladder voor @piet` (coordinators): lend to a neighbour. A coordinator's word overrides the
 * approval and the overdue block, and is audited as theirs.
 */
async function lendFor(ctx: Ctx, text: string, name: string): Promise<Reply | Reply[]> {
  if (ctx.role !== 'coordinator') throw new UserError(msg('core.error.coordinatorOnly'));
  const found = await findMember(ctx.db, ctx.complex!.id, name);
  if (found.length !== 1) throw new UserError(msg('loans.error.unknownPerson', { name }));
  const who = found[0]!;
  const reading = readDue(text, ctx.now, ctx.complex!.timezone);
  if (reading.kind === 'invalid') throw new UserError(reading.problem);
  const dueAt = reading.kind === 'at' ? reading.dueAt : null;
  const item = await itemOrChoice(ctx, text, act.where, 'loans.usage.borrow');
  if ('body' in item) return item;
  const outcome = await checkout(ctx.db, item.id, { personId: who.personId, coordinator: true }, { dueAt, now: ctx.now });
  if (outcome.kind === 'lend') {
    await audit(ctx.db, { complexId: item.complexId, actorPersonId: ctx.person.id, action: 'loans.lent_for', at: ctx.now, data: { itemId: item.id, personId: who.personId } });
    return lentReply(ctx, item, outcome, who.displayName);
  }
  if (outcome.kind === 'refuse') return checkoutRefusal(ctx, item, outcome, dueAt);
  throw new Error('a coordinator\'s loan never waits for approval');
}

/** `/leen ladder tot morgen`: the item and (optionally) the due time from one line. */
export async function borrowFromText(ctx: Ctx, text: string, minimum?: number): Promise<Reply | Reply[]> {
  const forSomeone = minimum === undefined ? FOR_SOMEONE.exec(` ${text}`) : null;
  // "voor @piet", "voor Piet" or a Discord mention is a neighbour; "voor 3 dagen" is a duration.
  if (forSomeone && /^(@|<@|\p{Lu})/u.test(forSomeone[1]!)) return lendFor(ctx, ` ${text}`.slice(0, forSomeone.index).trim(), forSomeone[1]!.replace(/^@/, ''));
  const reading = readDue(text, ctx.now, ctx.complex!.timezone);
  if (reading.kind === 'invalid') throw new UserError(reading.problem);
  const dueAt = reading.kind === 'at' ? reading.dueAt : null;
  const found = await itemOrChoice(ctx, text, (id) => act.askedBy(ctx.person.id, dueAt ? act.borrowUntil(id, dueAt) : act.borrow(id)), 'loans.usage.borrow', minimum);
  if ('body' in found) return found;
  return borrowReply(ctx, found, dueAt);
}

const CONDITION_WORDS: [RegExp, ReturnCondition][] = [
  [/^(kapot|stuk|broken|defect|kaduuk)$/i, 'broken'],
  [/^(nakijken|aandacht|attention|check|vies|dirty)$/i, 'attention'],
  [/^(ok|oke|oké|okay|goed|prima|fine|good|heel)$/i, 'ok'],
];

/** "/terug ladder kapot snoer los" → item text, condition, note. */
export function splitReturn(args: string): { itemText: string; condition: ReturnCondition | null; note: string | null } {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const at = words.findIndex((w) => CONDITION_WORDS.some(([re]) => re.test(w)));
  if (at < 0) return { itemText: args.trim(), condition: null, note: null };
  const condition = CONDITION_WORDS.find(([re]) => re.test(words[at]!))![1];
  const note = words.slice(at + 1).join(' ').slice(0, 500) || null;
  return { itemText: words.slice(0, at).join(' '), condition, note };
}

/** The item a return (or renew) is about: named, or the only thing the person holds. */
async function heldItem(ctx: Ctx, itemText: string, action: (id: number) => string): Promise<ItemRow | Reply> {
  if (itemText.trim()) return itemOrChoice(ctx, itemText, action, 'loans.usage.borrow');
  const held = await loansOfPerson(ctx.db, ctx.complex!.id, ctx.person.id);
  if (held.length === 0) throw new UserError(msg('loans.error.holdNothing'));
  const items = await listItems(ctx.db, ctx.complex!.id, { includeArchived: true });
  const mine = held.map((l) => items.find((i) => i.id === l.itemId)!).filter(Boolean);
  if (mine.length === 1) return mine[0]!;
  return reply(msg('loans.ask.which'), { buttons: itemButtons(mine, action) });
}

export async function returnFromText(ctx: Ctx, args: string): Promise<Reply | Reply[]> {
  const { itemText, condition, note } = splitReturn(args);
  const found = await heldItem(ctx, itemText, (id) => (condition ? act.returnAs(id, condition) : act.returnAsk(id)));
  if ('body' in found) return found;
  if (!condition) return returnAsk(ctx, found);
  return returnReply(ctx, found, condition, note);
}

export async function renewReply(ctx: Ctx, item: ItemRow): Promise<Reply> {
  const d = await renew(ctx.db, item.id, ctx.person.id, ctx.now);
  switch (d.kind) {
    case 'renew': return reply(msg('loans.renewed', { item: item.name, due: due(d.dueAt, ctx) }));
    case 'refuse':
      if (d.reason === 'reserved') throw new UserError(msg('loans.refuse.renewReserved', { name: await personName(ctx.db, d.byPersonId), item: item.name, from: due(d.startsAt, ctx) }));
      throw new UserError(msg(d.reason === 'renewed_once' ? 'loans.refuse.renewedOnce' : 'loans.refuse.notYours', { item: item.name }));
  }
}

const GIVE = /^(.*?)\s+(?:aan|to)\s+@?(\S+)\s*$/i;

async function giveCommand(ctx: Ctx, args: string): Promise<Reply | Reply[]> {
  const m = GIVE.exec(args.trim());
  if (!m) throw new UserError(msg('loans.usage.give'));
  const [, itemText, name] = m as unknown as [string, string, string];
  const found = await itemOrChoice(ctx, itemText, act.where, 'loans.usage.give');
  if ('body' in found) return found;
  const people = await findMember(ctx.db, ctx.complex!.id, name);
  if (people.length !== 1) throw new UserError(msg('loans.error.unknownPerson', { name }));
  const to = people[0]!;
  const d = await offerHandover(ctx.db, found.id, ctx.person.id, to.personId, ctx.now);
  if (d.kind === 'refuse') throw new UserError(d.reason === 'self' ? msg('loans.refuse.self') : msg('loans.refuse.notYours', { item: found.name }));
  return [reply(msg('loans.handover.offered', { to: to.displayName, item: found.name })),
    reply(msg('loans.handover.offer', { from: ctx.person.displayName, item: found.name }), { to: { personId: to.personId }, buttons: [[
      { label: msg('loans.button.handoverYes'), action: act.handover(d.loanId, true), style: 'primary' }, { label: msg('loans.button.handoverNo'), action: act.handover(d.loanId, false) }]] })];
}

async function reserveCommand(ctx: Ctx, args: string): Promise<Reply> {
  const tz = ctx.complex!.timezone;
  const window = readWindow(args, ctx.now, tz);
  if (window.kind === 'invalid') throw new UserError(window.problem);
  if (window.kind === 'none') throw new UserError(msg('loans.usage.reserve'));
  const found = await itemOrChoice(ctx, args, act.where, 'loans.usage.reserve');
  if ('body' in found) return found;
  return reserveReply(ctx, found, window);
}

/** Reserves an item for a window and says so, or says why not. */
export async function reserveReply(ctx: Ctx, found: { id: number; name: string }, window: { startsAt: Date; endsAt: Date }): Promise<Reply> {
  const d = await reserve(ctx.db, found.id, ctx.person.id, window, ctx.now);
  if (d.kind === 'reserve') {
    return reply(msg('loans.reserved', { item: found.name, name: ctx.person.displayName, from: due(window.startsAt, ctx), to: due(window.endsAt, ctx) }),
      { buttons: [[{ label: msg('loans.button.cancelReservation'), action: act.cancelReservation(d.reservationId!) }]] });
  }
  switch (d.reason) {
    case 'overlap':
      throw new UserError(msg('loans.refuse.overlap', { item: found.name, name: await personName(ctx.db, d.byPersonId), from: due(d.startsAt, ctx), to: due(d.endsAt, ctx) }));
    case 'out': {
      const name = await personName(ctx.db, d.holderPersonId);
      throw new UserError(msg('loans.refuse.reserveWhileOut', { item: found.name, name, due: due(d.dueAt, ctx) }));
    }
    case 'bad_window': throw new UserError(msg('loans.refuse.badWindow'));
    case 'past': throw new UserError(msg('loans.refuse.reservePast'));
    case 'too_long': throw new UserError(msg('loans.refuse.tooLong', { days: 14 }));
    case 'too_far_ahead': throw new UserError(msg('loans.refuse.tooFarAhead', { days: 90 }));
    case 'archived': throw new UserError(msg('loans.refuse.archived', { item: found.name }));
    case 'lost': throw new UserError(msg('loans.refuse.lost', { item: found.name }));
  }
}

export const loanCommands: CommandDef[] = [{
  names: { nl: ['spullen', 'sleutels', 'gereedschap'], en: ['items', 'keys', 'tools'] },
  help: 'loans.help.items',
  requires: 'complex',
  run: (ctx) => listReply(ctx),
}, {
  names: { nl: ['leen', 'lenen'], en: ['borrow'] },
  help: 'loans.help.borrow',
  subject: 'item',
  requires: 'complex',
  run: (ctx, args) => borrowFromText(ctx, args),
}, {
  names: { nl: ['terug', 'terugbrengen'], en: ['return'] },
  help: 'loans.help.return',
  subject: 'item',
  requires: 'complex',
  run: (ctx, args) => returnFromText(ctx, args),
}, {
  names: { nl: ['waar', 'wieheeft'], en: ['where', 'whohas'] },
  help: 'loans.help.where',
  subject: 'item',
  requires: 'complex',
  async run(ctx, args) {
    const found = await itemOrChoice(ctx, args, act.where, 'loans.usage.where');
    return 'body' in found ? found : whereReply(ctx, found);
  },
}, {
  names: { nl: ['verleng', 'verlengen'], en: ['renew', 'extend'] },
  help: 'loans.help.renew',
  subject: 'item',
  requires: 'complex',
  async run(ctx, args) {
    const found = await heldItem(ctx, args, act.renew);
    return 'body' in found ? found : renewReply(ctx, found);
  },
}, {
  names: { nl: ['geef', 'doorgeven'], en: ['give'] },
  help: 'loans.help.give',
  subject: 'item',
  requires: 'complex',
  run: giveCommand,
}, {
  names: { nl: ['reserveer', 'reserveren'], en: ['reserve'] },
  help: 'loans.help.reserve',
  subject: 'item',
  requires: 'complex',
  run: reserveCommand,
}];
