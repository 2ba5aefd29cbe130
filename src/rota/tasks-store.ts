import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { complexes, rotaTasks } from '../db/schema/index.js';
import { UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import { regenerateTask, type TaskRow } from './generate.js';
import { toRRule } from './recurrence.js';
import { startDateOf } from './text-parse.js';
import { localDate } from '../time/zone.js';

export interface TaskInput {
  name: string; area?: string | null | undefined; description?: string | null | undefined; recurrence: string; time: string;
  durationMinutes: number; people: number; points: number; autoAssignHoursBefore?: number | null | undefined; paused: boolean;
  aliases?: string[] | undefined;
}

async function timezoneOf(db: Db, complexId: number): Promise<string> {
  const [row] = await db.select({ tz: complexes.timezone }).from(complexes).where(eq(complexes.id, complexId));
  return row?.tz ?? 'Europe/Amsterdam';
}

/**
 * Creates or updates a task by name (case-insensitive) and brings its future unclaimed occurrences
 * in line. An unreadable recurrence is a UserError naming the task.
 */
export async function saveTask(db: Db, complexId: number, input: TaskInput, now: Date): Promise<{ task: TaskRow; created: boolean }> {
  const rrule = toRRule(input.recurrence);
  if (!rrule) throw new UserError(msg('rota.error.badRecurrence', { task: input.name, text: input.recurrence }));
  const tz = await timezoneOf(db, complexId);
  // "elke 2 weken op zaterdag vanaf 12 december": the weeks count from that date.
  const startRead = startDateOf(input.recurrence, now, tz);
  const start = startRead && 'date' in startRead ? startRead.date : null;
  if (startRead && 'invalid' in startRead) throw new UserError(msg('rota.error.badRecurrence', { task: input.name, text: input.recurrence }));
  const [existing] = await db.select().from(rotaTasks)
    .where(and(eq(rotaTasks.complexId, complexId), sql`lower(${rotaTasks.name}) = lower(${input.name})`));
  const values = {
    name: input.name, area: input.area ?? null, description: input.description ?? null, recurrence: input.recurrence, rrule,
    timeOfDay: input.time, durationMinutes: input.durationMinutes, people: input.people, points: input.points,
    autoAssignHoursBefore: input.autoAssignHoursBefore ?? null, paused: input.paused, updatedAt: now,
    ...(input.aliases ? { aliases: [...new Set(input.aliases.map((a) => a.trim()).filter(Boolean))] } : {}),
  };
  let task: TaskRow;
  if (existing) {
    // The anchor only moves when the rule changes, so "every 2 weeks" keeps its weeks.
    const anchorDate = start && existing.recurrence !== input.recurrence ? start
      : existing.rrule === rrule ? existing.anchorDate : start ?? localDate(now, tz);
    [task] = (await db.update(rotaTasks).set({ ...values, anchorDate }).where(eq(rotaTasks.id, existing.id)).returning()) as [TaskRow];
  } else {
    [task] = (await db.insert(rotaTasks).values({ ...values, complexId, anchorDate: start ?? localDate(now, tz), createdAt: now }).returning()) as [TaskRow];
  }
  await regenerateTask(db, task, tz, now);
  return { task, created: !existing };
}

export async function setPaused(db: Db, taskId: number, paused: boolean, now: Date): Promise<TaskRow | null> {
  const [task] = await db.update(rotaTasks).set({ paused, updatedAt: now }).where(eq(rotaTasks.id, taskId)).returning();
  if (!task) return null;
  await regenerateTask(db, task, await timezoneOf(db, task.complexId), now);
  return task;
}
