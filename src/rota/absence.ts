import { and, asc, eq, gte } from 'drizzle-orm';
import { people, rotaAbsences } from '../db/schema/index.js';
import type { CommandDef } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import { audit } from '../tenancy/queries.js';
import { complexOf } from './common.js';
import { dayMsg } from './format.js';
import { safeRange } from './resolve.js';
import { localDate } from '../time/zone.js';

const MAX_DAYS = 366;

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
    if (range.to < today) throw new UserError(msg('rota.error.pastDate', { date: dayMsg(range.to) }));
    const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000;
    if (days > MAX_DAYS) throw new UserError(msg('rota.away.tooLong'));
    await ctx.db.insert(rotaAbsences).values({ complexId: complex.id, personId: ctx.person.id, fromDate: range.from, toDate: range.to });
    await audit(ctx.db, { complexId: complex.id, actorPersonId: ctx.person.id, action: 'rota.away', at: ctx.now, data: { ...range } });
    return reply(msg('rota.away.saved', { from: dayMsg(range.from), to: dayMsg(range.to) }));
  },
}];
