import { and, asc, eq, gt, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { complexes, rotaClaims, rotaOccurrences, rotaTasks } from '../db/schema/index.js';
import type { Reply } from '../handler.js';
import { reply } from '../handler.js';
import { msg } from '../i18n/index.js';
import { ROTA_DEFAULTS } from './constants.js';
import { occMsg } from './format.js';

/**
 * Set-based queries for the scheduler (one query each, never one per occurrence) and the messages
 * it sends. Every row carries a `key` that is unique per effect, for the scheduler's de-duplication.
 */

const activeCount = sql<number>`(select count(*)::int from rota_claims c where c.occurrence_id = ${rotaOccurrences.id} and c.released_at is null)`;
const hours = (n: number) => n * 3_600_000;

export interface ClaimDueRow {
  key: string; claimId: number; personId: number; occurrenceId: number; complexId: number; task: string; dueAt: Date; timezone: string;
}
export interface OpenDueRow {
  key: string; occurrenceId: number; complexId: number; task: string; dueAt: Date; timezone: string; openSlots: number;
}

const claimColumns = (prefix: string) => ({
  key: sql<string>`${prefix} || ${rotaClaims.id}`, claimId: rotaClaims.id, personId: rotaClaims.personId, occurrenceId: rotaOccurrences.id,
  complexId: rotaOccurrences.complexId, task: rotaTasks.name, dueAt: rotaOccurrences.dueAt, timezone: complexes.timezone,
});

/** Active claims due within `beforeDueHours` from now (and not yet due): send the claimant a reminder. */
export async function remindersDue(db: Db, now: Date, opts: { beforeDueHours?: number } = {}): Promise<ClaimDueRow[]> {
  const until = new Date(now.getTime() + hours(opts.beforeDueHours ?? ROTA_DEFAULTS.beforeDueHours));
  return db.select(claimColumns('rota:remind:')).from(rotaClaims)
    .innerJoin(rotaOccurrences, eq(rotaOccurrences.id, rotaClaims.occurrenceId))
    .innerJoin(rotaTasks, eq(rotaTasks.id, rotaOccurrences.taskId)).innerJoin(complexes, eq(complexes.id, rotaOccurrences.complexId))
    .where(and(isNull(rotaClaims.releasedAt), eq(rotaOccurrences.status, 'open'), gt(rotaOccurrences.dueAt, now), lte(rotaOccurrences.dueAt, until)))
    .orderBy(asc(rotaOccurrences.dueAt));
}

/** Occurrences with free slots due within `openCallDaysBefore` days: announce them in the group. */
export async function openToAnnounce(db: Db, now: Date, opts: { openCallDaysBefore?: number } = {}): Promise<OpenDueRow[]> {
  const until = new Date(now.getTime() + (opts.openCallDaysBefore ?? ROTA_DEFAULTS.openCallDaysBefore) * 86_400_000);
  return db.select({
    key: sql<string>`'rota:open:' || ${rotaOccurrences.id}`, occurrenceId: rotaOccurrences.id, complexId: rotaOccurrences.complexId,
    task: rotaTasks.name, dueAt: rotaOccurrences.dueAt, timezone: complexes.timezone, openSlots: sql<number>`${rotaOccurrences.people} - ${activeCount}`,
  }).from(rotaOccurrences).innerJoin(rotaTasks, eq(rotaTasks.id, rotaOccurrences.taskId)).innerJoin(complexes, eq(complexes.id, rotaOccurrences.complexId))
    .where(and(eq(rotaOccurrences.status, 'open'), gt(rotaOccurrences.dueAt, now), lte(rotaOccurrences.dueAt, until), sql`${activeCount} < ${rotaOccurrences.people}`))
    .orderBy(asc(rotaOccurrences.dueAt));
}

/**
 * Claims whose turn ended `askDoneAfterHours` ago and is not reported done: ask the claimant.
 * Turns older than a week are left alone (a coordinator can still mark them).
 */
export async function askDoneDue(db: Db, now: Date, opts: { askDoneAfterHours?: number } = {}): Promise<ClaimDueRow[]> {
  const before = new Date(now.getTime() - hours(opts.askDoneAfterHours ?? ROTA_DEFAULTS.askDoneAfterHours));
  return db.select(claimColumns('rota:askdone:')).from(rotaClaims)
    .innerJoin(rotaOccurrences, eq(rotaOccurrences.id, rotaClaims.occurrenceId))
    .innerJoin(rotaTasks, eq(rotaTasks.id, rotaOccurrences.taskId)).innerJoin(complexes, eq(complexes.id, rotaOccurrences.complexId))
    .where(and(isNull(rotaClaims.releasedAt), isNull(rotaClaims.doneAt), eq(rotaOccurrences.status, 'open'), lte(rotaOccurrences.dueAt, before),
      gt(rotaOccurrences.dueAt, new Date(before.getTime() - 7 * 86_400_000))))
    .orderBy(asc(rotaOccurrences.dueAt));
}

/** Occurrences of tasks with `auto_assign_hours_before` that reached that lead time with free slots. */
export async function autoAssignCandidates(db: Db, now: Date): Promise<OpenDueRow[]> {
  return db.select({
    key: sql<string>`'rota:auto:' || ${rotaOccurrences.id}`, occurrenceId: rotaOccurrences.id, complexId: rotaOccurrences.complexId,
    task: rotaTasks.name, dueAt: rotaOccurrences.dueAt, timezone: complexes.timezone, openSlots: sql<number>`${rotaOccurrences.people} - ${activeCount}`,
  }).from(rotaOccurrences).innerJoin(rotaTasks, eq(rotaTasks.id, rotaOccurrences.taskId)).innerJoin(complexes, eq(complexes.id, rotaOccurrences.complexId))
    .where(and(eq(rotaOccurrences.status, 'open'), gt(rotaOccurrences.dueAt, now), isNotNull(rotaTasks.autoAssignHoursBefore),
      sql`${rotaOccurrences.dueAt} - make_interval(secs => ${rotaTasks.autoAssignHoursBefore} * 3600) <= ${now.toISOString()}::timestamptz`,
      sql`${activeCount} < ${rotaOccurrences.people}`))
    .orderBy(asc(rotaOccurrences.dueAt));
}

// Messages the scheduler sends, with the buttons that act on them.

export function reminderMessage(row: ClaimDueRow): Reply {
  return reply(msg('rota.remind.before', { occ: occMsg(row, row.timezone) }), {
    to: { personId: row.personId },
    buttons: [[{ label: msg('rota.button.done'), action: `rota:d:${row.claimId}` }, { label: msg('rota.button.release'), action: `rota:r:${row.claimId}` },
      { label: msg('rota.button.giveaway'), action: `rota:g:${row.claimId}` }]],
  });
}

export function askDoneMessage(row: ClaimDueRow): Reply {
  return reply(msg('rota.remind.askDone', { occ: occMsg(row, row.timezone) }), {
    to: { personId: row.personId },
    buttons: [[{ label: msg('rota.button.done'), action: `rota:d:${row.claimId}`, style: 'primary' }]],
  });
}

/** For one group chat (`to: { chatId }` is set by the caller, who knows the chats). */
export function openCallMessage(row: OpenDueRow): Reply {
  return reply(msg('rota.remind.open', { occ: occMsg(row, row.timezone), open: row.openSlots }), {
    buttons: [[{ label: msg('rota.button.claim', { occ: occMsg(row, row.timezone) }), action: `rota:c:${row.occurrenceId}`, style: 'primary' }]],
  });
}

export { autoAssignOne, autoAssignedMessages } from './auto-assign.js';
