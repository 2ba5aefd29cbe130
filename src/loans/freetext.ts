import type { Ctx, HandlerResult, TextHandler } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import { normalise } from '../rota/match.js';
import { returnAsk, returnReply, whereReply } from './actions.js';
import { listReply, renewReply, splitReturn } from './commands.js';
import { readDue } from './due.js';
import { instantOf, localDate, startOfLocalDay } from '../time/zone.js';
import { act, due, itemOrChoice } from './format.js';
import { resolveItem } from './match.js';
import { listItems, loansOfPerson } from './store.js';
import { DAY_START, readFreeWindow } from './window-text.js';

/**
 * Free text about keys and tools. It takes a message only when it names an item well AND says what
 * to do with it (borrow, return, extend, who has it) — so rota phrases ("ik doe de trap zaterdag")
 * pass untouched to the rota. Borrowing is never done on a guess: the bot asks with a Yes button.
 */

export type LoanIntent = 'where' | 'borrow' | 'return' | 'renew' | 'reserve';

const WHERE = /\b(wie heeft|wie heb|waar is|waar ligt|waar zijn|where is|where's|wheres|who has|who's got|who got|who's using)\b/;
const RETURN = /\b(terugbrengen|teruggebracht|breng\b.*\bterug|bracht\b.*\bterug|terug ?gelegd|teruggezet|teruggehangen|lever\b.*\bin|bring\b.*\bback|brought\b.*\bback|returning|returned|return)\b/;
const RENEW = /\b(verlengen|verleng|langer houden|langer lenen|extend|keep\b.*\blonger)\b/;
/** Reserving for later ("ik wil de ladder reserveren voor zaterdag", "reserve the drill for friday"); not cancelling one. */
const RESERVE = /\b(reserveer|reserveren|reserveert|vastleggen|reserve|reserving|book|boeken)\b/;
const CANCEL = /\b(afzeggen|annuleren|annuleer|cancel|cancelling|unreserve|niet meer nodig|no longer need)\b/;
const BORROW = /\b(lenen|leen|uitlenen|borrow|borrowing|nodig|need|gebruiken|use|(mag|kan) ik\b.*\bhebben|can i (have|get|take))\b/;
/** Words that show the text is about lending even without a known item ("mag ik iets lenen?"). */
const LOAN_WORDS = /\b(lenen|leen|borrow|sleutel|sleutels|gereedschap|key|keys|tools?)\b/;

/** What there is to borrow, and who has what ("welke spullen zijn er?", "wie heeft er iets geleend?"): the list. */
const INVENTORY = /\b(welke (spullen|sleutels|gereedschappen)|wat (voor spullen|kan ik (hier )?lenen|is er te lenen|valt er te lenen|is er (allemaal )?uitgeleend|is uitgeleend)|wie heeft (er )?(nu |nog )?(iets|wat) (geleend|te leen)|what can i borrow|which (tools|items|things|keys) (are there|can i borrow|do we have)|what is (lent|borrowed) out|who (has|borrowed) (something|anything))\b/;

export function asksInventory(text: string): boolean {
  return INVENTORY.test(normalise(text));
}

/** Which loan action a text asks for, if any (pure). */
export function loanIntent(text: string): LoanIntent | null {
  const t = normalise(text);
  if (WHERE.test(t)) return 'where';
  if (RETURN.test(t)) return 'return';
  if (RENEW.test(t)) return 'renew';
  if (RESERVE.test(t)) return CANCEL.test(t) ? null : 'reserve';
  if (BORROW.test(t)) return 'borrow';
  return null;
}

/** Free text needs a good match: "sleutel" alone does not pick one of three keys. */
const FREE_TEXT_MINIMUM = 0.6;

/** Words that make a date the end of a loan ("tot morgen", "for 2 days"); without them a later day is when it is wanted. */
const UNTIL = /\b(tot|t\/m|totdat|until|till|til|voor|for)\b/;

/**
 * "Mag ik zaterdag de maaier lenen?": wanted on a later day, not from now until then — offered as a
 * reservation of that day (from the time named, else 09:00, for the item's usual length, at most to 22:00).
 */
function wantedLater(text: string, dueAt: Date, ctx: Ctx): boolean {
  const tz = ctx.complex!.timezone;
  return !UNTIL.test(normalise(text)) && localDate(dueAt, tz) > localDate(ctx.now, tz);
}

/** "Reserve {item} for you from … until …?" with the Yes button that reserves that very window. */
function reserveAsk(ctx: Ctx, found: { id: number; name: string }, startsAt: Date, endsAt: Date): HandlerResult {
  return reply(msg('loans.ask.reserve', { item: found.name, from: due(startsAt, ctx), to: due(endsAt, ctx) }), {
    buttons: [[{ label: msg('loans.button.yesReserve'), action: act.askedBy(ctx.person.id, act.reserve(found.id, startsAt, endsAt)), style: 'primary' }, { label: msg('loans.button.no'), action: act.no }]],
  });
}

async function reserveQuestion(ctx: Ctx, text: string, day: Date, timed: boolean): Promise<HandlerResult> {
  const tz = ctx.complex!.timezone;
  const found = await itemOrChoice(ctx, text, act.card, 'loans.usage.borrow', FREE_TEXT_MINIMUM);
  if ('body' in found) return found;
  const [year, month, d] = localDate(day, tz).split('-').map(Number) as [number, number, number];
  // Today after nine: from the next quarter of an hour, not from a time already past.
  const nextQuarter = new Date(Math.ceil(ctx.now.getTime() / 900_000) * 900_000);
  const startsAt = timed ? day : new Date(Math.max(instantOf({ year, month, day: d, ...DAY_START }, tz).getTime(), nextQuarter.getTime()));
  const latest = instantOf({ year, month, day: d, hour: 22, minute: 0 }, tz);
  const endsAt = new Date(Math.min(startsAt.getTime() + found.loanHours * 3_600_000, Math.max(latest.getTime(), startsAt.getTime() + 3_600_000)));
  return reserveAsk(ctx, found, startsAt, endsAt);
}

/**
 * "Kan ik de grasmaaier zaterdag van 10 tot 14 reserveren?": the window asked back with a Yes button; the
 * press reserves as /reserveer does (same refusals). A day alone gets the hours of "mag ik … zaterdag lenen?".
 */
async function reserveFromText(ctx: Ctx, text: string): Promise<HandlerResult> {
  const tz = ctx.complex!.timezone;
  const window = readFreeWindow(text, ctx.now, tz);
  if (window.kind === 'invalid') throw new UserError(window.problem);
  if (window.kind === 'day') return reserveQuestion(ctx, text, startOfLocalDay(window.date, tz), false);
  const choice = (id: number) => act.askedBy(ctx.person.id, window.kind === 'window' ? act.reserve(id, window.startsAt, window.endsAt) : act.card(id));
  const found = await itemOrChoice(ctx, text, choice, 'loans.usage.reserve', FREE_TEXT_MINIMUM);
  if ('body' in found) return found;
  if (window.kind === 'none') return reply(msg('loans.ask.reserveWhen', { item: found.name }));
  return reserveAsk(ctx, found, window.startsAt, window.endsAt);
}

async function borrowQuestion(ctx: Ctx, text: string): Promise<HandlerResult> {
  const reading = readDue(text, ctx.now, ctx.complex!.timezone);
  if (reading.kind === 'invalid') throw new UserError(reading.problem);
  // "mag ik de ladder zaterdag van 10 tot 14 lenen?": those hours on a later day, as a reservation.
  const window = readFreeWindow(text, ctx.now, ctx.complex!.timezone);
  if (window.kind === 'window' && localDate(window.startsAt, ctx.complex!.timezone) > localDate(ctx.now, ctx.complex!.timezone)) return reserveFromText(ctx, text);
  if (reading.kind === 'at' && wantedLater(text, reading.dueAt, ctx)) return reserveQuestion(ctx, text, reading.dueAt, reading.timed);
  const dueAt = reading.kind === 'at' ? reading.dueAt : null;
  const action = (id: number) => act.askedBy(ctx.person.id, dueAt ? act.borrowUntil(id, dueAt) : act.borrow(id));
  const found = await itemOrChoice(ctx, text, action, 'loans.usage.borrow', FREE_TEXT_MINIMUM);
  if ('body' in found) return found;
  const until = dueAt ?? new Date(ctx.now.getTime() + found.loanHours * 3_600_000);
  return reply(msg('loans.ask.borrow', { item: found.name, due: due(until, ctx) }), {
    buttons: [[{ label: msg('loans.button.yesBorrow'), action: action(found.id), style: 'primary' }, { label: msg('loans.button.no'), action: act.no }]],
  });
}

export const loanTextHandler: TextHandler = async (ctx, text) => {
  if (!ctx.complex || !ctx.role || ctx.event.kind !== 'text' || text.length > 500 || text.trim().startsWith('/')) return null;
  if (ctx.event.addressedToBot && asksInventory(text)) return listReply(ctx);
  const intent = loanIntent(text);
  if (!intent) return null;
  const items = await listItems(ctx.db, ctx.complex.id);
  const named = items.length > 0 && resolveItem(text, items, FREE_TEXT_MINIMUM).kind !== 'none';
  const addressed = ctx.event.addressedToBot;
  if (!named) {
    // "ik breng het terug" to the bot, holding one thing: that thing. "mag ik iets lenen?": the list.
    if (!addressed) return null;
    if (intent === 'return' || intent === 'renew') {
      const held = await loansOfPerson(ctx.db, ctx.complex.id, ctx.person.id);
      const item = held.length === 1 ? items.find((i) => i.id === held[0]!.itemId) : undefined;
      if (!item) return null;
      return intent === 'renew' ? renewReply(ctx, item) : returnAsk(ctx, item);
    }
    return LOAN_WORDS.test(normalise(text)) ? listReply(ctx) : null;
  }
  switch (intent) {
    case 'where': {
      const found = await itemOrChoice(ctx, text, act.where, 'loans.usage.where', FREE_TEXT_MINIMUM);
      return 'body' in found ? found : whereReply(ctx, found);
    }
    case 'borrow': return borrowQuestion(ctx, text);
    case 'reserve': return reserveFromText(ctx, text);
    case 'renew': {
      const found = await itemOrChoice(ctx, text, act.renew, 'loans.usage.borrow', FREE_TEXT_MINIMUM);
      return 'body' in found ? found : renewReply(ctx, found);
    }
    case 'return': {
      const { condition, note } = splitReturn(text);
      const found = await itemOrChoice(ctx, text, (id) => (condition ? act.returnAs(id, condition) : act.returnAsk(id)), 'loans.usage.borrow', FREE_TEXT_MINIMUM);
      if ('body' in found) return found;
      return condition ? returnReply(ctx, found, condition, note) : returnAsk(ctx, found);
    }
  }
};
