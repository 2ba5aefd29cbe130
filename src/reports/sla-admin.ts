import { parseArgs } from 'node:util';
import { and, asc, eq } from 'drizzle-orm';
import { AdminError } from '../admin/commands.js';
import type { AdminDef } from '../capability.js';
import { corporations, corporationSla } from '../db/schema/index.js';
import { t, type MessageKey, type Params } from '../i18n/index.js';
import { ANY_CATEGORY, isCategory } from './settings.js';

/**
 * npm run admin -- sla set|show|remove: the SLA a corporation promises for escalated reports, for
 * every category or one. It goes before what a complex's beheerplan says.
 */

function hoursOption(value: string | undefined, what: string): number {
  if (value === undefined) throw new AdminError('admin.error.missing', { what });
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 24 * 365) throw new AdminError('admin.error.invalid', { what, value });
  return n;
}

function businessHours(value: string | undefined): { businessStart: string | null; businessEnd: string | null } {
  if (value === undefined) return { businessStart: null, businessEnd: null };
  const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!m || `${m[1]}:${m[2]}` >= `${m[3]}:${m[4]}`) throw new AdminError('admin.error.invalid', { what: '--business-hours', value });
  return { businessStart: `${m[1]}:${m[2]}`, businessEnd: `${m[3]}:${m[4]}` };
}

export const slaAdmin: AdminDef = { name: 'sla', async run(io, args) {
  const say = (key: MessageKey, params?: Params) => io.out(t(io.lang, key, params));
  const [verb, ...rest] = args;
  if (verb !== 'set' && verb !== 'show' && verb !== 'remove') return say('reports.sla.admin.usage');
  const { values, positionals } = parseArgs({
    args: rest, allowPositionals: true, strict: true,
    options: { category: { type: 'string' }, acknowledge: { type: 'string' }, resolve: { type: 'string' }, 'business-hours': { type: 'string' } },
  });
  const id = Number(positionals[0]);
  if (!Number.isInteger(id) || id <= 0) throw new AdminError('admin.error.invalid', { what: '<corporation-id>', value: positionals[0] ?? '' });
  const [corp] = await io.db.select({ id: corporations.id }).from(corporations).where(eq(corporations.id, id));
  if (!corp) throw new AdminError('admin.error.notFound', { what: 'corporation', id });
  const category = values.category ?? ANY_CATEGORY;
  if (category !== ANY_CATEGORY && !isCategory(category)) throw new AdminError('admin.error.invalid', { what: '--category', value: category });
  if (verb === 'set') {
    // Working hours belong to the corporation as a whole: only on the row for every category.
    if (values['business-hours'] !== undefined && category !== ANY_CATEGORY) throw new AdminError('reports.sla.admin.hoursForAll');
    const row = { acknowledgeHours: hoursOption(values.acknowledge, '--acknowledge'), resolveHours: hoursOption(values.resolve, '--resolve'),
      ...(category === ANY_CATEGORY ? businessHours(values['business-hours']) : {}) };
    await io.db.insert(corporationSla).values({ corporationId: id, category, ...row })
      .onConflictDoUpdate({ target: [corporationSla.corporationId, corporationSla.category], set: row });
  } else if (verb === 'remove') {
    await io.db.delete(corporationSla).where(and(eq(corporationSla.corporationId, id), eq(corporationSla.category, category)));
  }
  const rows = await io.db.select().from(corporationSla).where(eq(corporationSla.corporationId, id)).orderBy(asc(corporationSla.category));
  if (rows.length === 0) say('reports.sla.admin.none', { id });
  for (const r of rows) {
    say(r.businessStart ? 'reports.sla.admin.lineHours' : 'reports.sla.admin.line', {
      category: r.category === ANY_CATEGORY ? t(io.lang, 'reports.sla.admin.any') : r.category, acknowledge: r.acknowledgeHours, resolve: r.resolveHours,
      ...(r.businessStart ? { start: r.businessStart, end: r.businessEnd ?? '' } : {}),
    });
  }
} };
