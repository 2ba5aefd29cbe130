import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { beheerplanVersions, rotaOccurrences, rotaOffers, rotaTasks } from '../db/schema/index.js';
import type { ComplexRow, Ctx, ScopeCtx } from '../handler.js';
import { UserError } from '../handler.js';
import { msg, type Msg } from '../i18n/index.js';
import type { ClaimRefusal } from './claims.js';
import { ROTA_DEFAULTS } from './constants.js';
import { occMsg } from './format.js';
import { getClaim, type OccurrenceView } from './queries.js';

/** The complex of a handler whose command/button requires one (the router checked it). */
export function complexOf(ctx: Ctx): ComplexRow {
  if (!ctx.complex) throw new UserError(msg('core.error.noComplexInDirect'));
  return ctx.complex;
}

/**
 * The complex of a rota handler. Occurrences are made when a task changes and by the daily
 * `rota:generate` job (8 weeks ahead), never on read: showing the rota writes nothing.
 */
export async function ensureRota(ctx: Ctx): Promise<ComplexRow> {
  return Promise.resolve(complexOf(ctx));
}

export function refusal(reason: ClaimRefusal, occ: Pick<OccurrenceView, 'task' | 'dueAt'>, tz: string): Msg {
  const o = occMsg(occ, tz);
  switch (reason) {
    case 'full': return msg('rota.error.full', { occ: o });
    case 'already': return msg('rota.error.already', { occ: o });
    case 'closed': return msg('rota.error.closed', { occ: o });
    case 'past': return msg('rota.error.past', { occ: o });
    case 'gone': return msg('rota.error.gone');
  }
}

function id(arg: string | undefined): number {
  const n = Number(arg);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}
export const argId = id;

// Button scopes: the complex an entity in a button belongs to (the router refuses other complexes).
export async function occurrenceScope(ctx: ScopeCtx, args: string[]): Promise<number | null> {
  const [row] = await ctx.db.select({ complexId: rotaOccurrences.complexId }).from(rotaOccurrences).where(eq(rotaOccurrences.id, id(args[0])));
  return row?.complexId ?? null;
}
export async function claimScope(ctx: ScopeCtx, args: string[]): Promise<number | null> {
  return (await getClaim(ctx.db, id(args[0])))?.complexId ?? null;
}
export async function offerScope(ctx: ScopeCtx, args: string[]): Promise<number | null> {
  const [row] = await ctx.db.select({ complexId: rotaOffers.complexId }).from(rotaOffers).where(eq(rotaOffers.id, id(args[0])));
  return row?.complexId ?? null;
}
export async function taskScope(ctx: ScopeCtx, args: string[]): Promise<number | null> {
  const [row] = await ctx.db.select({ complexId: rotaTasks.complexId }).from(rotaTasks).where(eq(rotaTasks.id, id(args[0])));
  return row?.complexId ?? null;
}

/**
 * The release window for a complex: the `reminders.release_window_hours` of its latest imported
 * beheerplan, else the default. (The scheduler owns the reminder settings; the plan is their source.)
 */
export async function releaseWindowHours(db: Db, complexId: number): Promise<number> {
  const [row] = await db.select({ document: beheerplanVersions.document }).from(beheerplanVersions)
    .where(eq(beheerplanVersions.complexId, complexId)).orderBy(desc(beheerplanVersions.id)).limit(1);
  const value = (row?.document as { reminders?: { release_window_hours?: unknown } } | undefined)?.reminders?.release_window_hours;
  return typeof value === 'number' && value > 0 ? value : ROTA_DEFAULTS.releaseWindowHours;
}
