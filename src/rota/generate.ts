import { and, between, eq, gt, inArray, isNull, notExists, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { complexes, rotaClaims, rotaOccurrences, rotaTasks } from '../db/schema/index.js';
import { ROTA_DEFAULTS } from './constants.js';
import { expand } from './recurrence.js';
import { slicer } from '../scheduler/yield.js';
import { jsonRows, rowsOf } from '../db/bulk.js';

export type TaskRow = typeof rotaTasks.$inferSelect;

/** End of the rolling horizon. */
export function horizonEnd(now: Date, weeks: number = ROTA_DEFAULTS.horizonWeeks): Date {
  return new Date(now.getTime() + weeks * 7 * 86_400_000);
}

/**
 * Makes sure every active task of the complex has its occurrences (and slots) up to the horizon.
 * Idempotent: the unique (task, due) index makes a second run insert nothing. Returns how many it made.
 */
export async function generateOccurrences(db: Db, complexId: number, now: Date, weeks: number = ROTA_DEFAULTS.horizonWeeks): Promise<number> {
  const [complex] = await db.select({ timezone: complexes.timezone }).from(complexes).where(eq(complexes.id, complexId));
  if (!complex) return 0;
  const tasks = await db.select().from(rotaTasks).where(and(eq(rotaTasks.complexId, complexId), eq(rotaTasks.paused, false)));
  return insertOccurrences(db, tasks, complex.timezone, now, horizonEnd(now, weeks));
}

async function insertOccurrences(db: Db, tasks: TaskRow[], tz: string, from: Date, to: Date): Promise<number> {
  const values: (typeof rotaOccurrences.$inferInsert)[] = [];
  const pause = slicer();
  for (const task of tasks) {
    await pause();
    for (const dueAt of expand(task, tz, from, to)) values.push({ complexId: task.complexId, taskId: task.id, dueAt, people: task.people, points: task.points });
  }
  let total = 0;
  // Turns and their slots in one statement per chunk (the rows as one JSON parameter).
  for (let i = 0; i < values.length; i += 2000) {
    const rows = values.slice(i, i + 2000).map((v) => ({ complex_id: v.complexId, task_id: v.taskId, due_at: v.dueAt, people: v.people, points: v.points }));
    const [row] = rowsOf<{ n: number }>(await db.execute(sql`with inserted as (
        insert into rota_occurrences (complex_id, task_id, due_at, people, points)
        select x.complex_id, x.task_id, x.due_at, x.people, x.points
        from jsonb_to_recordset(${jsonRows(rows)}) as x(complex_id integer, task_id integer, due_at timestamptz, people integer, points integer)
        on conflict do nothing returning id, people),
      slots as (insert into rota_slots (occurrence_id, slot) select inserted.id, s from inserted, generate_series(0, inserted.people - 1) s
        on conflict do nothing)
      select count(*)::int as n from inserted`));
    total += Number(row?.n ?? 0);
  }
  return total;
}

/**
 * After a task changed: future occurrences nobody claimed are brought in line with the task (removed
 * when the rule no longer produces them, the task is paused, or people/points changed) and missing
 * ones are generated. Claimed occurrences and the past are never touched.
 */
export async function regenerateTask(db: Db, task: TaskRow, tz: string, now: Date, weeks: number = ROTA_DEFAULTS.horizonWeeks): Promise<void> {
  const wanted = task.paused ? [] : expand(task, tz, now, horizonEnd(now, weeks));
  const wantedTimes = new Set(wanted.map((d) => d.getTime()));
  const unclaimed = await db.select({ id: rotaOccurrences.id, dueAt: rotaOccurrences.dueAt, people: rotaOccurrences.people, points: rotaOccurrences.points })
    .from(rotaOccurrences)
    .where(and(eq(rotaOccurrences.taskId, task.id), gt(rotaOccurrences.dueAt, now), eq(rotaOccurrences.status, 'open'),
      notExists(db.select({ one: sql`1` }).from(rotaClaims).where(and(eq(rotaClaims.occurrenceId, rotaOccurrences.id), isNull(rotaClaims.releasedAt))))));
  const stale = unclaimed.filter((o) => !wantedTimes.has(o.dueAt.getTime()) || o.people !== task.people || o.points !== task.points);
  if (stale.length > 0) await db.delete(rotaOccurrences).where(inArray(rotaOccurrences.id, stale.map((o) => o.id)));
  if (!task.paused) await insertOccurrences(db, [task], tz, now, horizonEnd(now, weeks));
}

/** Complexes per generation batch: one short transaction, a few statements, for this many complexes. */
export const GENERATION_BATCH = 100;

/** For the scheduler: the batches (complex id / GENERATION_BATCH) that have active tasks. */
export async function generationBatches(db: Db): Promise<number[]> {
  const rows = await db.selectDistinct({ batch: sql<number>`${rotaTasks.complexId} / ${GENERATION_BATCH}`.mapWith(Number) })
    .from(rotaTasks).where(eq(rotaTasks.paused, false));
  return rows.map((r) => r.batch).sort((a, b) => a - b);
}

/**
 * For the scheduler: extends the horizon of the complexes of one batch, set-based (one read of
 * their tasks, inserts of a few thousand rows per statement). Returns how many turns it made.
 */
export async function generateBatch(db: Db, batch: number, now: Date, weeks: number = ROTA_DEFAULTS.horizonWeeks): Promise<number> {
  const rows = await db.select({ task: rotaTasks, tz: complexes.timezone }).from(rotaTasks)
    .innerJoin(complexes, eq(complexes.id, rotaTasks.complexId))
    .where(and(eq(rotaTasks.paused, false), between(rotaTasks.complexId, batch * GENERATION_BATCH, (batch + 1) * GENERATION_BATCH - 1)));
  const byZone = new Map<string, TaskRow[]>();
  for (const { task, tz } of rows) byZone.set(tz, [...(byZone.get(tz) ?? []), task]);
  let total = 0;
  for (const [tz, tasks] of byZone) total += await insertOccurrences(db, tasks, tz, now, horizonEnd(now, weeks));
  return total;
}

/** Every batch in turn (the scheduler runs them as separate effects; this is for scripts and tests). */
export async function generateAll(db: Db, now: Date, weeks: number = ROTA_DEFAULTS.horizonWeeks): Promise<number> {
  let total = 0;
  for (const batch of await generationBatches(db)) total += await generateBatch(db, batch, now, weeks);
  return total;
}
