import { and, asc, eq, gt, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Button } from '../platform.js';
import type { Db } from '../db/client.js';
import { rotaOccurrences, rotaTasks } from '../db/schema/index.js';
import { msg } from '../i18n/index.js';
import type { RotaOccurrence, RotaPort } from '../scheduler/jobs/rota.js';
import { autoAssignOne } from './auto-assign.js';
import { generateBatch, generationBatches } from './generate.js';
import { claimsOf } from './queries.js';
import { pagesByTimeAndId } from '../db/bulk.js';

const columns = {
  id: rotaOccurrences.id, complexId: rotaOccurrences.complexId, taskName: rotaTasks.name, dueAt: rotaOccurrences.dueAt,
  peopleNeeded: rotaOccurrences.people, status: rotaOccurrences.status, autoAssignHoursBefore: rotaTasks.autoAssignHoursBefore,
  paused: rotaTasks.paused,
};

const PAGE = 2000;

type Row = { id: number; complexId: number; taskName: string; dueAt: Date; peopleNeeded: number; status: string;
  autoAssignHoursBefore: number | null; paused: boolean };

/** Rows to the scheduler's view, with their active claimants fetched in one query. */
async function toPortView(db: Db, rows: Row[]): Promise<RotaOccurrence[]> {
  const claims = await claimsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id, complexId: r.complexId, taskName: r.taskName, dueAt: r.dueAt, peopleNeeded: r.peopleNeeded,
    claimantPersonIds: (claims.get(r.id) ?? []).map((c) => c.personId),
    claimIds: (claims.get(r.id) ?? []).map((c) => c.claimId),
    done: r.status === 'done',
    // A missed turn or a paused task has nothing left to remind about.
    cancelled: r.status === 'missed' || r.status === 'cancelled' || r.paused,
    autoAssignHoursBefore: r.autoAssignHoursBefore,
  }));
}

/** Done / release / give away under a reminder of a claim. */
function claimButtons(claimId: number): Button[][] {
  return [[
    { label: msg('rota.button.done'), action: `rota:d:${claimId}`, style: 'primary' },
    { label: msg('rota.button.release'), action: `rota:r:${claimId}` },
    { label: msg('rota.button.giveaway'), action: `rota:g:${claimId}` },
  ]];
}

/** The rota as the scheduler's rota jobs see it (src/scheduler/jobs/rota.ts). */
export const rotaPort: RotaPort = {
  async occurrencesDueBetween(db, from, to) {
    // In pages by (due time, id): after downtime the window holds the turns of every complex, and turning one
    // big result into objects would block the event loop (the bot's handlers) for seconds.
    const out: RotaOccurrence[] = [];
    const pages = pagesByTimeAndId(rotaOccurrences.dueAt, rotaOccurrences.id, PAGE, (after) => db.select(columns).from(rotaOccurrences)
      .innerJoin(rotaTasks, eq(rotaTasks.id, rotaOccurrences.taskId))
      .where(and(gt(rotaOccurrences.dueAt, from), lte(rotaOccurrences.dueAt, to), after))
      .orderBy(asc(rotaOccurrences.dueAt), asc(rotaOccurrences.id)).limit(PAGE), (row) => ({ at: row.dueAt, id: row.id }));
    for await (const rows of pages) out.push(...await toPortView(db, rows));
    return out;
  },
  async autoAssignDueBetween(db, from, to, maxLeadMs) {
    // Driven by the tasks that auto-assign (few), so only their turns are read, not every turn of the lead time.
    const assignAt = sql`${rotaOccurrences.dueAt} - make_interval(secs => ${rotaTasks.autoAssignHoursBefore} * 3600)`;
    const rows = await db.select(columns).from(rotaTasks).innerJoin(rotaOccurrences, eq(rotaOccurrences.taskId, rotaTasks.id))
      .where(and(isNotNull(rotaTasks.autoAssignHoursBefore), gt(rotaOccurrences.dueAt, from), lte(rotaOccurrences.dueAt, new Date(to.getTime() + maxLeadMs)),
        sql`${assignAt} > ${from.toISOString()}::timestamptz`, sql`${assignAt} <= ${to.toISOString()}::timestamptz`));
    return toPortView(db, rows);
  },
  async getOccurrence(db, id) {
    const rows = await db.select(columns).from(rotaOccurrences).innerJoin(rotaTasks, eq(rotaTasks.id, rotaOccurrences.taskId))
      .where(eq(rotaOccurrences.id, id));
    return (await toPortView(db, rows))[0] ?? null;
  },
  async getOccurrences(db, ids) {
    if (ids.length === 0) return [];
    const rows = await db.select(columns).from(rotaOccurrences).innerJoin(rotaTasks, eq(rotaTasks.id, rotaOccurrences.taskId))
      .where(inArray(rotaOccurrences.id, ids));
    return toPortView(db, rows);
  },
  async autoAssign(tx, occurrenceId, now) {
    const result = await autoAssignOne(tx, occurrenceId, now);
    return result ? result.assigned.map((a) => a.personId) : [];
  },
  generationBatches,
  async generateBatch(db, batch, now) {
    await generateBatch(db, batch, now);
  },
  claimAction: (occurrenceId) => `rota:c:${occurrenceId}`,
  async claimantButtons(db, occurrenceId, personId) {
    const claim = (await claimsOf(db, [occurrenceId])).get(occurrenceId)?.find((c) => c.personId === personId);
    return claim ? claimButtons(claim.claimId) : [];
  },
  claimButtons,
  doneAction: (occurrenceId, done) => `rota:ad:${occurrenceId}:${done ? 1 : 0}`,
};

/** Quality polls "after each occurrence of task X" ask the rota when X happened. */
export async function taskOccurrencesBetween(db: Db, complexId: number, taskName: string, { from, to }: { from: Date; to: Date }) {
  const rows = await db.select({ id: rotaOccurrences.id, dueAt: rotaOccurrences.dueAt }).from(rotaOccurrences)
    .innerJoin(rotaTasks, eq(rotaTasks.id, rotaOccurrences.taskId))
    .where(and(eq(rotaOccurrences.complexId, complexId), sql`lower(${rotaTasks.name}) = lower(${taskName})`,
      gt(rotaOccurrences.dueAt, from), lte(rotaOccurrences.dueAt, to)));
  return rows.map((r) => ({ occurrenceId: r.id, at: r.dueAt }));
}
