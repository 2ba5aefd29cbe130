import type { Ctx } from '../handler.js';
import { UserError } from '../handler.js';
import { msg, type Msg } from '../i18n/index.js';
import { ensureRota } from './common.js';
import { dayMsg, openSlots } from './format.js';
import { horizonEnd, type TaskRow } from './generate.js';
import { bestMatches, matchTasks } from './match.js';
import { claimsOfPerson, listOccurrences, listTasks, type OccurrenceView } from './queries.js';
import { parseDateRange, type DateRange } from './text-parse.js';
import { localDate, startOfLocalDay, addDays } from '../time/zone.js';

/** Tasks and date a command's arguments name: "trap zaterdag", "tuin 14 dec". */
export interface Target { tasks: TaskRow[]; range: DateRange | null; tz: string }

export function taskList(tasks: TaskRow[]): string {
  return tasks.map((t) => t.name).join(', ');
}

/** Parses "<task> [date]"; unknown task → a specific UserError listing the tasks. */
export async function parseTarget(ctx: Ctx, text: string, example: Msg): Promise<Target> {
  const complex = await ensureRota(ctx);
  const all = await listTasks(ctx.db, complex.id);
  if (all.length === 0) throw new UserError(msg('rota.error.noTasks'));
  if (!text.trim()) throw new UserError(msg('rota.error.needTask', { example, tasks: taskList(all) }));
  const matches = bestMatches(matchTasks(text, all));
  if (matches.length === 0) throw new UserError(msg('rota.error.unknownTask', { text: text.trim().slice(0, 60), tasks: taskList(all) }));
  const tasks = matches.map((m) => all.find((t) => t.id === m.taskId)!);
  return { tasks, range: safeRange(text, ctx.now, complex.timezone), tz: complex.timezone };
}

export function safeRange(text: string, now: Date, tz: string): DateRange | null {
  try {
    return parseDateRange(text, now, tz);
  } catch {
    return null;
  }
}

/** Refuses dates in the past or beyond the horizon with their own message. */
export function checkRange(range: DateRange | null, now: Date, tz: string): void {
  if (!range) return;
  const today = localDate(now, tz);
  if (range.to < today) throw new UserError(msg('rota.error.pastDate', { date: dayMsg(range.from) }));
  const until = localDate(horizonEnd(now), tz);
  if (range.from > until) throw new UserError(msg('rota.error.beyondHorizon', { date: dayMsg(range.from), until: dayMsg(until) }));
}

function window(range: DateRange | null, now: Date, tz: string): { from: Date; to: Date } {
  if (!range) return { from: now, to: horizonEnd(now) };
  const from = startOfLocalDay(range.from, tz);
  return { from: from > now ? new Date(from.getTime() - 1) : now, to: startOfLocalDay(addDays(range.to, 1), tz) };
}

/** Occurrences of the target tasks in its range (or the whole horizon) that still have a free slot. */
export async function openOccurrences(ctx: Ctx, target: Target): Promise<OccurrenceView[]> {
  checkRange(target.range, ctx.now, target.tz);
  const { from, to } = window(target.range, ctx.now, target.tz);
  const occs = await listOccurrences(ctx.db, ctx.complex!.id, from, to, target.tasks.map((t) => t.id));
  return occs.filter((o) => openSlots(o) > 0 && o.dueAt > ctx.now);
}

/** The person's own future turns of the target tasks in its range. */
export async function heldOccurrences(ctx: Ctx, target: Target, personId: number, includePast = false): Promise<(OccurrenceView & { claimId: number })[]> {
  if (!includePast) checkRange(target.range, ctx.now, target.tz);
  const since = includePast ? new Date(ctx.now.getTime() - 14 * 86_400_000) : ctx.now;
  const mine = await claimsOfPerson(ctx.db, ctx.complex!.id, personId, since);
  const { from, to } = target.range ? window(target.range, since, target.tz) : { from: since, to: horizonEnd(ctx.now) };
  const ids = new Set(target.tasks.map((t) => t.id));
  return mine.filter((o) => ids.has(o.taskId) && o.dueAt > from && o.dueAt <= to);
}

/** " op za 28 nov" after a task name, when a date was given. */
export function dateSuffix(range: DateRange | null): Msg | string {
  return range ? msg('rota.onDate', { date: dayMsg(range.from) }) : '';
}
