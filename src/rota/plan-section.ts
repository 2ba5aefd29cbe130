import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { rotaTasks } from '../db/schema/index.js';
import type { PlanTask } from '../beheerplan/schema.js';
import type { SectionOwner } from '../beheerplan/sections.js';
import { listTasks } from './queries.js';
import { saveTask, setPaused } from './tasks-store.js';

/**
 * The beheerplan `tasks` section. Import upserts each task by name (case-insensitive). A task that
 * is in the database but absent from the file is **paused**, not deleted: its history (done turns,
 * points) stays, its future unclaimed turns disappear, and claimed future turns are kept. Re-adding
 * it to the file resumes it. Export lists every task, paused ones with `paused: true`, so an export
 * imports back to the same state.
 */
export async function applyTasks(tx: Db, tasks: PlanTask[], ctx: { complexId: number; now: Date }): Promise<void> {
  for (const t of tasks) {
    await saveTask(tx, ctx.complexId, {
      name: t.name, area: t.area ?? null, description: t.description ?? null, recurrence: t.recurrence, time: t.time,
      durationMinutes: t.duration_minutes, people: t.people, points: t.points, autoAssignHoursBefore: t.auto_assign_hours_before ?? null,
      paused: t.paused, aliases: t.aliases ?? [],
    }, ctx.now);
  }
  for (const [position, t] of tasks.entries()) {
    await tx.update(rotaTasks).set({ position })
      .where(and(eq(rotaTasks.complexId, ctx.complexId), eq(sql`lower(${rotaTasks.name})`, t.name.toLowerCase())));
  }
  const names = tasks.map((t) => t.name.toLowerCase());
  const absent = await tx.select({ id: rotaTasks.id }).from(rotaTasks).where(and(eq(rotaTasks.complexId, ctx.complexId), eq(rotaTasks.paused, false),
    names.length > 0 ? notInArray(sql`lower(${rotaTasks.name})`, names) : undefined));
  for (const a of absent) await setPaused(tx, a.id, true, ctx.now);
  // Tasks not in the file go after the file's tasks in an export.
  await tx.update(rotaTasks).set({ position: sql`${tasks.length} + ${rotaTasks.id}` })
    .where(and(eq(rotaTasks.complexId, ctx.complexId),
      names.length > 0 ? notInArray(sql`lower(${rotaTasks.name})`, names) : undefined));
}

export async function readTasks(db: Db, complexId: number): Promise<PlanTask[]> {
  const tasks = await listTasks(db, complexId, { includePaused: true });
  tasks.sort((a, b) => a.position - b.position || a.id - b.id);
  return tasks.map((t) => ({
    name: t.name, ...(t.area ? { area: t.area } : {}), ...(t.description ? { description: t.description } : {}),
    ...(t.aliases.length > 0 ? { aliases: t.aliases } : {}), recurrence: t.recurrence, time: t.timeOfDay, duration_minutes: t.durationMinutes, people: t.people, points: t.points,
    ...(t.autoAssignHoursBefore != null ? { auto_assign_hours_before: t.autoAssignHoursBefore } : {}), paused: t.paused,
  }));
}

export const tasksSection: SectionOwner<'tasks'> = { section: 'tasks', apply: applyTasks, read: readTasks, absent: 'paused' };
