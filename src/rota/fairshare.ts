import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { rotaPreferences } from '../db/schema/index.js';
import type { CommandDef, Ctx, Reply } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import { ROTA_DEFAULTS } from './constants.js';
import { complexOf } from './common.js';

export interface Share { personId: number; points: number; minutes: number; turns: number }

/**
 * Each member's contribution over the rolling period: points and minutes of done turns they held
 * (minutes as reported, else the task's estimate). Members without any turn count as zero.
 */
export async function shares(db: Db, complexId: number, now: Date, days: number = ROTA_DEFAULTS.fairShareDays): Promise<Share[]> {
  const since = new Date(now.getTime() - days * 86_400_000);
  const result: unknown = await db.execute(sql`
    select m.person_id, coalesce(sum(o.points), 0) as points, coalesce(sum(coalesce(c.minutes, t.duration_minutes)), 0) as minutes,
           count(c.id) as turns
    from complex_members m
    left join rota_claims c on c.person_id = m.person_id and c.released_at is null and c.done_at is not null
      and c.done_at > ${since.toISOString()}::timestamptz and c.done_at <= ${now.toISOString()}::timestamptz
      and exists (select 1 from rota_occurrences x where x.id = c.occurrence_id and x.complex_id = ${complexId})
    left join rota_occurrences o on o.id = c.occurrence_id and o.status = 'done'
    left join rota_tasks t on t.id = o.task_id
    where m.complex_id = ${complexId}
    group by m.person_id order by m.person_id`);
  // postgres.js returns the rows as an array, PGlite as { rows }.
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { person_id: number; points: string; minutes: string; turns: string }[];
  return rows.map((r) => ({
    personId: Number(r.person_id), points: Number(r.points), minutes: Number(r.minutes), turns: Number(r.turns),
  }));
}

/** A number rounded to one decimal, written the way the reader's language writes it. */
/** Rounded to one decimal; the message renders it in the reader's notation (0,5 / 0.5). */
export function decimal(n: number): number {
  return Math.round(n * 10) / 10;
}

function hours(minutes: number): number {
  return decimal(minutes / 60);
}

/** The asker's share of the work (privately), in a group also the group's totals: /mijnbijdrage and its free-text question. */
export async function contributionReply(ctx: Ctx): Promise<Reply | Reply[]> {
  const complex = complexOf(ctx);
  const all = await shares(ctx.db, complex.id, ctx.now);
  const mine = all.find((s) => s.personId === ctx.person.id) ?? { points: 0, minutes: 0, turns: 0 };
  const active = all.filter((s) => s.turns > 0);
  const avg = all.length > 0 ? all.reduce((n, s) => n + s.points, 0) / all.length : 0;
  const personal = reply(msg('rota.share.mine', {
    days: ROTA_DEFAULTS.fairShareDays, points: mine.points, hours: hours(mine.minutes), turns: mine.turns, avg: decimal(avg),
  // Only for the asker: ephemeral where the platform can (Discord), a DM elsewhere; nobody is shamed in public.
  }), { ephemeral: true });
  if (ctx.event.chat.isDirect) return personal;
  const totals = reply(msg('rota.share.group', {
    days: ROTA_DEFAULTS.fairShareDays, turns: all.reduce((n, s) => n + s.turns, 0), points: all.reduce((n, s) => n + s.points, 0),
    hours: hours(all.reduce((n, s) => n + s.minutes, 0)), people: active.length,
  }));
  return [totals, personal];
}

export const shareCommands: CommandDef[] = [{
  names: { nl: ['mijnbijdrage', 'bijdrage', 'statistiek'], en: ['mycontribution', 'contribution', 'stats', 'statistics'] },
  help: 'rota.help.share',
  requires: 'complex',
  run: (ctx) => contributionReply(ctx),
}, {
  names: { nl: ['automatisch'], en: ['autoassign'] },
  help: 'rota.help.auto',
  requires: 'complex',
  async run(ctx, args) {
    const complex = complexOf(ctx);
    const word = args.trim().toLowerCase();
    const on = ['aan', 'on', 'ja', 'yes'].includes(word) ? true : ['uit', 'off', 'nee', 'no'].includes(word) ? false : null;
    if (on === null) throw new UserError(msg('rota.auto.usage'));
    await ctx.db.insert(rotaPreferences).values({ complexId: complex.id, personId: ctx.person.id, autoAssign: on })
      .onConflictDoUpdate({ target: [rotaPreferences.complexId, rotaPreferences.personId], set: { autoAssign: on } });
    return reply(msg(on ? 'rota.auto.on' : 'rota.auto.off'));
  },
}];
