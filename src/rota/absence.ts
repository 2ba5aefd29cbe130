import { and, asc, eq, gte } from 'drizzle-orm';
import { people, rotaAbsences } from '../db/schema/index.js';
import type { ButtonDef, CommandDef, Ctx, Reply } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg, type Msg } from '../i18n/index.js';
import { audit } from '../tenancy/queries.js';
import { complexOf } from './common.js';
import { dayMsg, occMsg } from './format.js';
import { claimsOfPerson } from './queries.js';
import { safeRange } from './resolve.js';
import type { DateRange } from './dates.js';
import { addDays, localDate, startOfLocalDay } from '../time/zone.js';

const MAX_DAYS = 366;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Why an absence cannot be recorded (past, longer than a year), or null. Shared by /afwezig, free text and its button. */
export function absenceProblem(range: DateRange, today: string): Msg | null {
  if (range.to < today) return msg('rota.error.pastDate', { date: dayMsg(range.to) });
  if ((Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 > MAX_DAYS) return msg('rota.away.tooLong');
  return null;
}

/** Records an absence (once: the same period pressed twice is one row) and says so. */
async function recordAbsence(ctx: Ctx, range: DateRange): Promise<Reply> {
  const complex = complexOf(ctx);
  const problem = absenceProblem(range, localDate(ctx.now, complex.timezone));
  if (problem) throw new UserError(problem);
  const mine = and(eq(rotaAbsences.complexId, complex.id), eq(rotaAbsences.personId, ctx.person.id));
  const [same] = await ctx.db.select({ id: rotaAbsences.id }).from(rotaAbsences)
    .where(and(mine, eq(rotaAbsences.fromDate, range.from), eq(rotaAbsences.toDate, range.to)));
  if (!same) {
    await ctx.db.insert(rotaAbsences).values({ complexId: complex.id, personId: ctx.person.id, fromDate: range.from, toDate: range.to });
    await audit(ctx.db, { complexId: complex.id, actorPersonId: ctx.person.id, action: 'rota.away', at: ctx.now, data: { ...range } });
  }
  return reply(msg('rota.away.saved', { from: dayMsg(range.from), to: dayMsg(range.to) }));
}

/**
 * "Ik ben op vakantie van 10 tot 20 december" (free text): what was understood, with a Yes button that
 * records it as /afwezig would. Turns one already holds in that period stay theirs (an absence only
 * keeps automatic assignment away), so they are named with how to hand them on.
 */
export async function absenceQuestion(ctx: Ctx, range: DateRange | null): Promise<Reply> {
  const complex = complexOf(ctx);
  const tz = complex.timezone;
  if (!range) return reply(msg('rota.away.askDates'));
  const problem = absenceProblem(range, localDate(ctx.now, tz));
  if (problem) throw new UserError(problem);
  const from = startOfLocalDay(range.from, tz);
  const to = startOfLocalDay(addDays(range.to, 1), tz);
  const held = (await claimsOfPerson(ctx.db, complex.id, ctx.person.id, ctx.now)).filter((o) => o.dueAt >= from && o.dueAt < to);
  const lines: Msg[] = [msg('rota.away.confirm', { from: dayMsg(range.from), to: dayMsg(range.to) })];
  if (held.length > 0) lines.push(msg('rota.away.heldNote'), ...held.slice(0, 4).map((o) => msg('rota.away.heldLine', { occ: occMsg(o, tz) })));
  return reply(lines, { buttons: [[{ label: msg('rota.button.yes'), action: `rota:aw:${complex.id}:${ctx.person.id}:${range.from}:${range.to}`, style: 'primary' },
    { label: msg('rota.button.no'), action: 'rota:no' }]] });
}

/**
 * /afwezig 1-14 aug: records an absence (auto-assignment skips it). Without a date it lists your
 * absences, and for a coordinator everybody's, so they can plan. /afwezig wis removes yours.
 */
export const absenceCommands: CommandDef[] = [{
  names: { nl: ['afwezig'], en: ['away'] },
  help: 'rota.help.away',
  requires: 'complex',
  async run(ctx, args) {
    const complex = complexOf(ctx);
    const tz = complex.timezone;
    const today = localDate(ctx.now, tz);
    const text = args.trim();
    if (/^(wis|weg|verwijder|clear|remove|delete)$/i.test(text)) {
      await ctx.db.delete(rotaAbsences).where(and(eq(rotaAbsences.complexId, complex.id), eq(rotaAbsences.personId, ctx.person.id), gte(rotaAbsences.toDate, today)));
      return reply(msg('rota.away.cleared'));
    }
    if (!text) {
      const coordinator = ctx.role === 'coordinator';
      const rows = await ctx.db.select({ name: people.displayName, personId: rotaAbsences.personId, from: rotaAbsences.fromDate, to: rotaAbsences.toDate })
        .from(rotaAbsences).innerJoin(people, eq(people.id, rotaAbsences.personId))
        .where(and(eq(rotaAbsences.complexId, complex.id), gte(rotaAbsences.toDate, today), coordinator ? undefined : eq(rotaAbsences.personId, ctx.person.id)))
        .orderBy(asc(rotaAbsences.fromDate));
      if (rows.length === 0) return reply(msg('rota.away.none'), { to: 'direct' });
      return reply([msg(coordinator ? 'rota.away.listAll' : 'rota.away.listMine'),
        ...rows.map((r) => msg('rota.away.line', { name: r.name, from: dayMsg(r.from), to: dayMsg(r.to) }))], { to: 'direct' });
    }
    const range = safeRange(text, ctx.now, tz);
    if (!range) throw new UserError(msg('rota.away.usage'));
    return recordAbsence(ctx, range);
  },
}];

/**
 * Yes under the free-text absence question: 'rota:aw:<complex>:<person>:<from>:<to>'. The complex decides in
 * which chats it may be pressed; only the person who said it may (in a group a neighbour's press is refused).
 */
export const absenceButtons: ButtonDef[] = [{
  prefix: 'rota:aw',
  requires: 'complex',
  scope: async (_ctx, args) => (Number.isSafeInteger(Number(args[0])) && Number(args[0]) > 0 ? Number(args[0]) : null),
  async run(ctx, args) {
    if (Number(args[1]) !== ctx.person.id) throw new UserError(msg('core.error.buttonNotForYou'));
    const [from, to] = [args[2] ?? '', args[3] ?? ''];
    if (!ISO_DATE.test(from) || !ISO_DATE.test(to) || from > to || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) {
      throw new UserError(msg('core.error.buttonExpired'));
    }
    return { ...(await recordAbsence(ctx, { from, to })), editOriginal: true };
  },
}];
