import type { ButtonDef, CommandDef, Ctx, Reply } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import { audit } from '../tenancy/queries.js';
import { markDone, markMissed, releaseClaim } from './claims.js';
import { argId, claimScope, complexOf, occurrenceScope, releaseWindowHours } from './common.js';
import { claimButtons as claimButtonRow, occMsg } from './format.js';
import { whichReply } from './claim.js';
import { getClaim, getOccurrence, groupChatsOf, listOccurrences } from './queries.js';
import { dateSuffix, heldOccurrences, parseTarget } from './resolve.js';
import { questionAction } from './question.js';
import { addDays, localDate, startOfLocalDay } from '../time/zone.js';

/** Releases a claim; inside the release window the group hears the slot is open again. */
export async function releaseAndReply(ctx: Ctx, claimId: number): Promise<Reply[]> {
  const complex = complexOf(ctx);
  const tz = complex.timezone;
  const claim = await getClaim(ctx.db, claimId);
  if (!claim || claim.complexId !== complex.id) throw new UserError(msg('rota.error.notHeldButton'));
  const result = await releaseClaim(ctx.db, claimId, ctx.person.id, ctx.now);
  if (!result.ok) {
    throw new UserError(msg(result.reason === 'past' ? 'rota.error.releasePast' : result.reason === 'done' ? 'rota.error.doneAlready' : 'rota.error.notHeldButton'));
  }
  await audit(ctx.db, { complexId: complex.id, actorPersonId: ctx.person.id, action: 'rota.released', at: ctx.now, data: { claimId } });
  const occ = (await getOccurrence(ctx.db, result.occurrenceId))!;
  const replies: Reply[] = [reply(msg('rota.released', { name: ctx.person.displayName, occ: occMsg(occ, tz) }))];
  const hours = await releaseWindowHours(ctx.db, complex.id);
  if (occ.dueAt.getTime() - ctx.now.getTime() <= hours * 3_600_000) {
    const announce = { buttons: claimButtonRow([occ], tz) };
    const groups = await groupChatsOf(ctx.db, complex.id);
    const here = ctx.chat && groups.includes(ctx.chat.id);
    if (here) replies.push(reply(msg('rota.releasedOpenAgain', { occ: occMsg(occ, tz) }), announce));
    else for (const chatId of groups) replies.push(reply(msg('rota.releasedOpenAgain', { occ: occMsg(occ, tz) }), { ...announce, to: { chatId } }));
  }
  return replies;
}

/** Marks done; the claimant or a coordinator. */
export async function doneAndReply(ctx: Ctx, occurrenceId: number, claimId: number | null, minutes: number | null, note: string | null): Promise<Reply> {
  const complex = complexOf(ctx);
  const occ = await getOccurrence(ctx.db, occurrenceId);
  if (!occ || occ.complexId !== complex.id) throw new UserError(msg('rota.error.gone'));
  const own = occ.claims.find((c) => c.personId === ctx.person.id);
  if (!own && ctx.role !== 'coordinator') throw new UserError(msg('rota.error.doneNotYours'));
  if (occ.status === 'missed') throw new UserError(msg('rota.error.doneAlready'));
  // Done only from the turn's own day on; a coordinator may report it earlier.
  if (ctx.role !== 'coordinator' && localDate(occ.dueAt, complex.timezone) > localDate(ctx.now, complex.timezone)) {
    throw new UserError(msg('rota.error.doneTooEarly', { occ: occMsg(occ, complex.timezone) }));
  }
  if (minutes !== null && (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440)) throw new UserError(msg('rota.error.badMinutes'));
  await markDone(ctx.db, occurrenceId, ctx.now, { claimId: claimId ?? own?.claimId ?? undefined, minutes, note });
  await audit(ctx.db, { complexId: complex.id, actorPersonId: ctx.person.id, action: 'rota.done', at: ctx.now, data: { occurrenceId, minutes } });
  const o = occMsg(occ, complex.timezone);
  const name = occ.claims.map((c) => c.name).join(', ') || ctx.person.displayName;
  return reply(minutes ? msg('rota.doneWithMinutes', { occ: o, minutes, name }) : msg('rota.done', { occ: o, name }));
}

/** The claimant (or a coordinator) says a turn was not done: it counts as missed. */
async function notDoneAndReply(ctx: Ctx, occurrenceId: number): Promise<Reply> {
  const complex = complexOf(ctx);
  const occ = await getOccurrence(ctx.db, occurrenceId);
  if (!occ || occ.complexId !== complex.id) throw new UserError(msg('rota.error.gone'));
  if (!occ.claims.some((c) => c.personId === ctx.person.id) && ctx.role !== 'coordinator') {
    throw new UserError(msg('rota.error.doneNotYours'));
  }
  if (!(await markMissed(ctx.db, occurrenceId, ctx.person.id))) throw new UserError(msg('rota.error.doneAlready'));
  await audit(ctx.db, { complexId: complex.id, actorPersonId: ctx.person.id, action: 'rota.not_done', at: ctx.now, data: { occurrenceId } });
  return reply(msg('rota.notDoneNoted', { occ: occMsg(occ, complex.timezone) }));
}

/** "45", "45 min", "1,5 uur" and a note after it. */
export function minutesAndNote(text: string): { rest: string; minutes: number | null; note: string | null } {
  // A bare number followed by a month ("23 nov") is a date, not minutes.
  const m = /(?:^|\s)(\d{1,4}(?:[.,]\d)?)\s*(min|mins|minuten|minutes|uur|u|hours?|h)?(?=\s|$)(?!\s+(jan|feb|maa|mrt|mar|apr|mei|may|jun|jul|aug|sep|okt|oct|nov|dec))/i.exec(text);
  if (!m) return { rest: text, minutes: null, note: null };
  const value = Number(m[1]!.replace(',', '.'));
  const minutes = m[2] && /^(uur|u|hours?|h)$/i.test(m[2]) ? Math.round(value * 60) : Math.round(value);
  const note = text.slice(m.index + m[0].length).trim().replace(/^[-:—]\s*/, '') || null;
  return { rest: text.slice(0, m.index), minutes, note };
}

export const turnCommands: CommandDef[] = [{
  subject: 'task',
  names: { nl: ['vrijgeven'], en: ['release'] },
  help: 'rota.help.release',
  requires: 'complex',
  async run(ctx, args) {
    const target = await parseTarget(ctx, args, msg('rota.help.release'));
    const held = await heldOccurrences(ctx, target, ctx.person.id);
    if (held.length === 0) throw new UserError(msg('rota.error.notHeld', { task: target.tasks[0]!.name, date: dateSuffix(target.range) }));
    if (held.length === 1) return releaseAndReply(ctx, held[0]!.claimId);
    return whichReply(held, target.tz, (o) => questionAction('r', (o as typeof held[number]).claimId));
  },
}, {
  subject: 'task',
  names: { nl: ['gedaan', 'klaar'], en: ['done'] },
  help: 'rota.help.done',
  requires: 'complex',
  async run(ctx, args) {
    const { rest, minutes, note } = minutesAndNote(args);
    const target = await parseTarget(ctx, rest, msg('rota.help.done'));
    const held = (await heldOccurrences(ctx, target, ctx.person.id, true)).filter((o) => o.status === 'open');
    if (held.length === 0 && ctx.role === 'coordinator') {
      // A coordinator reports someone else's turn (or an unclaimed one) done: the last ones due.
      const since = new Date(ctx.now.getTime() - 14 * 86_400_000);
      const from = target.range ? new Date(startOfLocalDay(target.range.from, target.tz).getTime() - 1) : since;
      const to = target.range ? startOfLocalDay(addDays(target.range.to, 1), target.tz) : ctx.now;
      const occs = (await listOccurrences(ctx.db, complexOf(ctx).id, from, to, target.tasks.map((t) => t.id))).filter((o) => o.status === 'open').reverse();
      if (occs.length === 1 || (occs.length > 1 && !target.range)) return doneAndReply(ctx, occs[0]!.id, null, minutes, note);
      if (occs.length > 1) return whichReply(occs, target.tz, (o) => questionAction('dc', o.id));
    }
    if (held.length === 0) throw new UserError(msg('rota.error.notHeld', { task: target.tasks[0]!.name, date: dateSuffix(target.range) }));
    // Without a date: the earliest open turn (usually the one just done).
    const chosen = held.length === 1 || !target.range ? held[0]! : null;
    if (chosen) return doneAndReply(ctx, chosen.id, chosen.claimId, minutes, note);
    return whichReply(held, target.tz, (o) => questionAction('d', (o as typeof held[number]).claimId, ...(minutes ? [minutes] : [])));
  },
}, {
  subject: 'task',
  names: { nl: ['gemist'], en: ['missed'] },
  help: 'rota.help.missed',
  requires: 'coordinator',
  async run(ctx, args) {
    const target = await parseTarget(ctx, args, msg('rota.help.missed'));
    if (!target.range) throw new UserError(msg('rota.error.noDateForMissed'));
    const occs = (await listOccurrences(ctx.db, complexOf(ctx).id, new Date(startOfLocalDay(target.range.from, target.tz).getTime() - 1),
      startOfLocalDay(addDays(target.range.to, 1), target.tz), target.tasks.map((t) => t.id))).filter((o) => o.status === 'open');
    if (occs.length === 0) throw new UserError(msg('rota.error.noneOnDate', { task: target.tasks[0]!.name, date: dateSuffix(target.range) }));
    if (occs.length === 1) return missedAndReply(ctx, occs[0]!.id);
    return whichReply(occs, target.tz, (o) => questionAction('m', o.id));
  },
}];

async function missedAndReply(ctx: Ctx, occurrenceId: number): Promise<Reply> {
  const complex = complexOf(ctx);
  const occ = await getOccurrence(ctx.db, occurrenceId);
  if (!occ) throw new UserError(msg('rota.error.gone'));
  if (occ.dueAt > ctx.now) throw new UserError(msg('rota.error.notDueYet', { occ: occMsg(occ, complex.timezone) }));
  if (!(await markMissed(ctx.db, occurrenceId, ctx.person.id))) throw new UserError(msg('rota.error.doneAlready'));
  await audit(ctx.db, { complexId: complex.id, actorPersonId: ctx.person.id, action: 'rota.missed', at: ctx.now, data: { occurrenceId } });
  return reply(msg('rota.missed', { occ: occMsg(occ, complex.timezone) }));
}

export const turnButtons: ButtonDef[] = [{
  prefix: 'rota:r',
  requires: 'complex',
  scope: claimScope,
  run: (ctx, args) => releaseAndReply(ctx, argId(args[0])),
}, {
  prefix: 'rota:d',
  requires: 'complex',
  scope: claimScope,
  async run(ctx, args) {
    const claim = await getClaim(ctx.db, argId(args[0]));
    if (!claim) throw new UserError(msg('rota.error.gone'));
    const minutes = args[1] ? argId(args[1]) : null;
    return doneAndReply(ctx, claim.occurrenceId, claim.releasedAt ? null : claim.id, minutes, null);
  },
}, {
  // A coordinator marks an occurrence done (no claim of their own).
  prefix: 'rota:dc',
  requires: 'coordinator',
  scope: occurrenceScope,
  run: (ctx, args) => doneAndReply(ctx, argId(args[0]), null, null, null),
}, {
  // The answer to the scheduler's "was it done?" question: yes marks it done, no records it as not done.
  prefix: 'rota:ad',
  requires: 'complex',
  scope: occurrenceScope,
  async run(ctx, args) {
    const answer = args[1] === '1'
      ? await doneAndReply(ctx, argId(args[0]), null, null, null)
      : await notDoneAndReply(ctx, argId(args[0]));
    // The answer replaces the question, so it cannot be answered twice.
    return { ...answer, editOriginal: true };
  },
}, {
  prefix: 'rota:m',
  requires: 'coordinator',
  scope: occurrenceScope,
  run: (ctx, args) => missedAndReply(ctx, argId(args[0])),
}];
