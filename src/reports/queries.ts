import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { people, reportEvents, reports } from '../db/schema/index.js';
import { OPEN_STATES, type ActorRole, type ReportState } from './rules.js';

export type ReportRow = typeof reports.$inferSelect;
export type ReportEventRow = typeof reportEvents.$inferSelect;

export async function getReport(db: Db, id: number, opts: { lock?: boolean } = {}): Promise<ReportRow | null> {
  const q = db.select().from(reports).where(eq(reports.id, id));
  const [row] = opts.lock ? await q.for('update') : await q;
  return row ?? null;
}

export async function reportByNumber(db: Db, complexId: number, number: number): Promise<ReportRow | null> {
  const [row] = await db.select().from(reports).where(and(eq(reports.complexId, complexId), eq(reports.number, number)));
  return row ?? null;
}

/** The next short number of a complex, under a per-complex transaction lock so two reports never share one. */
export async function nextNumber(tx: Db, complexId: number): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('reports'), ${complexId})`);
  const [row] = await tx.select({ n: sql<number>`coalesce(max(${reports.number}), 0)::int` }).from(reports).where(eq(reports.complexId, complexId));
  return (row?.n ?? 0) + 1;
}

export async function openReports(db: Db, complexId: number): Promise<ReportRow[]> {
  return db.select().from(reports)
    .where(and(eq(reports.complexId, complexId), inArray(reports.state, [...OPEN_STATES, 'resolved'])))
    .orderBy(desc(reports.meToo), asc(reports.number));
}

/** Reports the scheduler still has work for (escalation, SLA, "is it fixed?"). */
export async function activeReports(db: Db): Promise<ReportRow[]> {
  return db.select().from(reports).where(and(ne(reports.state, 'closed'), ne(reports.state, 'rejected')));
}

export async function history(db: Db, reportId: number): Promise<(ReportEventRow & { actorName: string | null })[]> {
  const rows = await db.select({ event: reportEvents, actorName: people.displayName }).from(reportEvents)
    .leftJoin(people, eq(people.id, reportEvents.actorPersonId))
    .where(eq(reportEvents.reportId, reportId)).orderBy(asc(reportEvents.at), asc(reportEvents.id));
  return rows.map((r) => ({ ...r.event, actorName: r.actorName }));
}

export async function audit(tx: Db, e: {
  reportId: number; at: Date; actorPersonId: number | null; actorRole: ActorRole; action: string; from: ReportState; to: ReportState; note?: string | null;
}): Promise<void> {
  await tx.insert(reportEvents).values({
    reportId: e.reportId, at: e.at, actorPersonId: e.actorPersonId, actorRole: e.actorRole, action: e.action,
    fromState: e.from, toState: e.to, note: e.note ?? null,
  });
}

const STOP = new Set(['de', 'het', 'een', 'is', 'in', 'op', 'bij', 'van', 'en', 'er', 'te', 'al', 'weer', 'nog', 'ook', 'niet', 'wel', 'dat', 'die',
  'the', 'a', 'an', 'of', 'at', 'on', 'to', 'and', 'it', 'its', 'again', 'still', 'not', 'there', 'my', 'mijn', 'onze', 'our', 'zijn', 'are', 'was']);

export function words(text: string): Set<string> {
  const plain = text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/[^\p{L}\p{N}]+/gu, ' ');
  return new Set(plain.split(' ').filter((w) => w.length > 0 && !STOP.has(w)));
}

/** How alike two report texts are: shared words over the shorter text's words (0..1). */
export function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  const shared = [...wa].filter((w) => wb.has(w)).length;
  if (shared < 2) return 0;
  return shared / Math.min(wa.size, wb.size);
}

/** Open public reports that probably describe the same problem, best first (never private ones). */
export async function likelyDuplicates(db: Db, complexId: number, text: string): Promise<ReportRow[]> {
  const open = (await openReports(db, complexId)).filter((r) => r.visibility === 'public' && r.state !== 'resolved');
  return open.map((r) => ({ r, s: similarity(r.text, text) })).filter((x) => x.s >= 0.6)
    .sort((x, y) => y.s - x.s).slice(0, 3).map((x) => x.r);
}
