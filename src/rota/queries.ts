import { and, asc, eq, gt, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { chats, people, rotaClaims, rotaOccurrences, rotaTasks } from '../db/schema/index.js';
import type { TaskRow } from './generate.js';

export interface ClaimView { claimId: number; personId: number; name: string; slot: number; doneAt: Date | null }
export interface OccurrenceView {
  id: number; complexId: number; taskId: number; task: string; area: string | null; dueAt: Date; people: number;
  points: number; durationMinutes: number; status: string; claims: ClaimView[];
}

export async function listTasks(db: Db, complexId: number, opts: { includePaused?: boolean } = {}): Promise<TaskRow[]> {
  const rows = await db.select().from(rotaTasks).where(eq(rotaTasks.complexId, complexId)).orderBy(asc(rotaTasks.name));
  return opts.includePaused ? rows : rows.filter((t) => !t.paused);
}

export async function findTaskByName(db: Db, complexId: number, name: string): Promise<TaskRow | null> {
  const [row] = await db.select().from(rotaTasks)
    .where(and(eq(rotaTasks.complexId, complexId), sql`lower(${rotaTasks.name}) = lower(${name.trim()})`));
  return row ?? null;
}

/** Active claims of the given occurrences, with names, in one query. */
export async function claimsOf(db: Db, occurrenceIds: number[]): Promise<Map<number, ClaimView[]>> {
  const map = new Map<number, ClaimView[]>();
  if (occurrenceIds.length === 0) return map;
  const rows = await db.select({
    occurrenceId: rotaClaims.occurrenceId, claimId: rotaClaims.id, personId: rotaClaims.personId, name: people.displayName,
    slot: rotaClaims.slot, doneAt: rotaClaims.doneAt,
  }).from(rotaClaims).innerJoin(people, eq(people.id, rotaClaims.personId))
    .where(and(inArray(rotaClaims.occurrenceId, occurrenceIds), isNull(rotaClaims.releasedAt))).orderBy(asc(rotaClaims.slot));
  for (const { occurrenceId, ...c } of rows) map.set(occurrenceId, [...(map.get(occurrenceId) ?? []), c]);
  return map;
}

/** The active claims of an occurrence with names, as JSON inside the occurrence's own row (no second query). */
const activeClaims = sql<unknown>`coalesce((
  select json_agg(json_build_object('claimId', c.id, 'personId', c.person_id, 'name', p.display_name, 'slot', c.slot,
    'doneAt', c.done_at) order by c.slot)
  from rota_claims c join people p on p.id = c.person_id
  where c.occurrence_id = ${rotaOccurrences.id} and c.released_at is null), '[]'::json)`;

const occurrenceColumns = {
  id: rotaOccurrences.id, complexId: rotaOccurrences.complexId, taskId: rotaOccurrences.taskId, task: rotaTasks.name,
  area: rotaTasks.area, dueAt: rotaOccurrences.dueAt, people: rotaOccurrences.people, points: rotaOccurrences.points,
  durationMinutes: rotaTasks.durationMinutes, status: rotaOccurrences.status, claims: activeClaims,
};

interface RawClaim { claimId: number; personId: number; name: string; slot: number; doneAt: string | null }

/** The claims column as a list of ClaimView (drivers hand JSON back parsed or as text). */
function parsedClaims<T extends { claims: unknown }>(row: T): Omit<T, 'claims'> & { claims: ClaimView[] } {
  const raw = (typeof row.claims === 'string' ? JSON.parse(row.claims) : row.claims) as RawClaim[];
  return { ...row, claims: raw.map((c) => ({ ...c, doneAt: c.doneAt ? new Date(c.doneAt) : null })) };
}

/** Occurrences of a complex due in (from, to], oldest first. */
export async function listOccurrences(db: Db, complexId: number, from: Date, to: Date, taskIds?: number[]): Promise<OccurrenceView[]> {
  if (taskIds && taskIds.length === 0) return [];
  const rows = await db.select(occurrenceColumns).from(rotaOccurrences).innerJoin(rotaTasks, eq(rotaTasks.id, rotaOccurrences.taskId))
    .where(and(eq(rotaOccurrences.complexId, complexId), gt(rotaOccurrences.dueAt, from), lte(rotaOccurrences.dueAt, to),
      taskIds ? inArray(rotaOccurrences.taskId, taskIds) : undefined))
    .orderBy(asc(rotaOccurrences.dueAt), asc(rotaTasks.name));
  return rows.map(parsedClaims);
}

export async function getOccurrence(db: Db, id: number): Promise<OccurrenceView | null> {
  const rows = await db.select(occurrenceColumns).from(rotaOccurrences).innerJoin(rotaTasks, eq(rotaTasks.id, rotaOccurrences.taskId))
    .where(eq(rotaOccurrences.id, id));
  return rows[0] ? parsedClaims(rows[0]) : null;
}

/** A person's active claims on occurrences due after `from`, with their occurrences. */
export async function claimsOfPerson(db: Db, complexId: number, personId: number, from: Date): Promise<(OccurrenceView & { claimId: number })[]> {
  const rows = await db.select({ ...occurrenceColumns, claimId: rotaClaims.id }).from(rotaClaims)
    .innerJoin(rotaOccurrences, eq(rotaOccurrences.id, rotaClaims.occurrenceId))
    .innerJoin(rotaTasks, eq(rotaTasks.id, rotaOccurrences.taskId))
    .where(and(eq(rotaClaims.personId, personId), isNull(rotaClaims.releasedAt), eq(rotaOccurrences.complexId, complexId),
      gt(rotaOccurrences.dueAt, from)))
    .orderBy(asc(rotaOccurrences.dueAt));
  return rows.map(parsedClaims);
}

export interface ClaimRow { id: number; occurrenceId: number; slot: number; personId: number; complexId: number; releasedAt: Date | null; doneAt: Date | null }

export async function getClaim(db: Db, claimId: number): Promise<ClaimRow | null> {
  const [row] = await db.select({
    id: rotaClaims.id, occurrenceId: rotaClaims.occurrenceId, slot: rotaClaims.slot, personId: rotaClaims.personId,
    complexId: rotaOccurrences.complexId, releasedAt: rotaClaims.releasedAt, doneAt: rotaClaims.doneAt,
  }).from(rotaClaims).innerJoin(rotaOccurrences, eq(rotaOccurrences.id, rotaClaims.occurrenceId)).where(eq(rotaClaims.id, claimId));
  return row ?? null;
}

/** The group chats of a complex, for announcements such as "a slot is open again". */
export async function groupChatsOf(db: Db, complexId: number): Promise<number[]> {
  const rows = await db.select({ id: chats.id }).from(chats).where(and(eq(chats.complexId, complexId), eq(chats.purpose, 'complex')));
  return rows.map((r) => r.id);
}
