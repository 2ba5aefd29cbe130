import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { chats, complexes, pollDefinitions, pollInstances, pollVotes } from '../db/schema/index.js';
import { DEFAULT_LANG, isLang, msg } from '../i18n/index.js';
import { enqueue } from '../outbox/queue.js';
import type { Effect, JobKind, RunContext } from '../scheduler/engine.js';
import { localDate, occurrencesBetween, scheduleToRRule, wallTimesInWindow } from '../scheduler/time.js';
import { startDateOf } from '../rota/text-parse.js';
import { closePoll, openPoll, type PollDeps } from './service.js';
import { openPollsBatch } from './open-batch.js';
import { closePollsBatch } from './close-batch.js';
import { slicer } from '../scheduler/yield.js';
import { pagesByTimeAndId } from '../db/bulk.js';

/** "After each occurrence of task X": the rota supplies the occurrences in a window. */
export type TaskOccurrenceSource = (db: Db, complexId: number, taskName: string, window: { from: Date; to: Date })
=> Promise<{ occurrenceId: number; at: Date }[]>;

const REMIND_BEFORE_CLOSE_MS = 24 * 3_600_000;
/** Failed closes (a native poll the platform would not stop) retried before closing without it. */
const CLOSE_RETRIES = 2;

/** Only instances whose effect is not planned yet: a tick does not re-read every open poll. */
const notPlanned = (kind: string) => sql`not exists (select 1 from scheduled_effects se where se.key = ${`${kind}:`} || ${pollInstances.id})`;

/**
 * Poll schedules expanded over one window, each distinct (schedule, time, zone, anchor) once:
 * after downtime every definition of every complex is due, and most share their schedule.
 */
function scheduleExpander(window: { from: Date; to: Date }) {
  const rules = new Map<string, string | null>();
  const expansions = new Map<string, { date: string; at: Date }[]>();
  return (schedule: string, time: string, tz: string, createdAt: Date): { date: string; at: Date }[] => {
    if (!rules.has(schedule)) rules.set(schedule, scheduleToRRule(schedule));
    const rule = rules.get(schedule);
    if (!rule) return [];
    const start = startDateOf(schedule, createdAt, tz);
    const anchor = start && 'date' in start ? start.date : localDate(createdAt, tz);
    const key = `${rule}|${time}|${tz}|${anchor}`;
    let found = expansions.get(key);
    if (!found) {
      found = occurrencesBetween(rule, time, tz, anchor, window.from, window.to);
      expansions.set(key, found);
    }
    return found;
  };
}

const PAGE = 2000;

/** The definitions matching `where`, with their complex's zone, read by id in pages. */
async function* definitionPages(db: Db, where: SQL | undefined) {
  const columns = { id: pollDefinitions.id, complexId: pollDefinitions.complexId, schedule: pollDefinitions.schedule, time: pollDefinitions.time,
    createdAt: pollDefinitions.createdAt, afterTask: pollDefinitions.afterTask, windowHours: pollDefinitions.windowHours };
  for (let after = 0; ;) {
    const page = await db.select({ def: columns, tz: complexes.timezone }).from(pollDefinitions)
      .innerJoin(complexes, eq(complexes.id, pollDefinitions.complexId)).where(and(where, gt(pollDefinitions.id, after)))
      .orderBy(asc(pollDefinitions.id)).limit(PAGE);
    yield* page;
    if (page.length < PAGE) return;
    after = page.at(-1)!.def.id;
  }
}

/**
 * Open instances closing at or before `closesBy` and matching `where`, in pages by (closing time, id) on the
 * index of open instances (after downtime: every complex's polls; on a busy minute only those closing).
 */
async function openInstancePages(db: Db, closesBy: Date, where: SQL | undefined) {
  const columns = { id: pollInstances.id, complexId: pollInstances.complexId, openedAt: pollInstances.openedAt, closesAt: pollInstances.closesAt };
  const out: { id: number; complexId: number; openedAt: Date; closesAt: Date }[] = [];
  const pages = pagesByTimeAndId(pollInstances.closesAt, pollInstances.id, PAGE, (after) => db.select(columns).from(pollInstances)
    .where(and(isNull(pollInstances.closedAt), lte(pollInstances.closesAt, closesBy), where, after))
    .orderBy(asc(pollInstances.closesAt), asc(pollInstances.id)).limit(PAGE), (row) => ({ at: row.closesAt, id: row.id }));
  for await (const page of pages) out.push(...page);
  return out;
}

/** Native polls are posted and stopped by a direct platform call inside the effect's transaction. */
const nativePolls = (ctx: RunContext) => [...ctx.platforms.values()].some((p) => p.supports?.nativePolls);

export function pollJobs(occurrenceSource: TaskOccurrenceSource): JobKind[] {
  const deps = (ctx: { platforms: PollDeps['platforms']; log: PollDeps['log'] }): PollDeps => ({ ...ctx });

  const open: JobKind = {
    kind: 'poll:open',
    callsPlatform: nativePolls,
    missedRule: 'opened late while its window has not ended (it still closes at the planned time); skipped after that',
    missed: (effect, now) => (now.getTime() < effect.dueAt.getTime() + Number(effect.payload.windowHours) * 3_600_000 ? 'run' : 'skip'),
    async due(db, window) {
      // A tick's window is short: only definitions whose HH:MM falls in it are looked at.
      const zones = await db.selectDistinct({ tz: complexes.timezone }).from(complexes);
      const filters = zones.map(({ tz }) => ({ tz, times: wallTimesInWindow(tz, window.from, window.to) }));
      const byTime = filters.every((f) => f.times !== null)
        ? or(isNotNull(pollDefinitions.afterTask), ...filters.filter((f) => f.times!.size > 0)
          .map((f) => and(eq(complexes.timezone, f.tz), inArray(pollDefinitions.time, [...f.times!]))))
        : undefined;
      const effects: Effect[] = [];
      const expand = scheduleExpander(window);
      const pause = slicer();
      // In pages: after downtime every definition is due, and mapping 100k rows at once blocks the event loop too.
      for await (const { def, tz } of definitionPages(db, and(eq(pollDefinitions.active, true), byTime))) {
        await pause();
        const base = { complexId: def.complexId };
        if (def.schedule) {
          for (const o of expand(def.schedule, def.time, tz, def.createdAt)) {
            effects.push({ ...base, key: `poll:open:${def.id}:${o.date}`, dueAt: o.at, payload: { definitionId: def.id, period: o.date, windowHours: def.windowHours } });
          }
        } else if (def.afterTask) {
          for (const o of await occurrenceSource(db, def.complexId, def.afterTask, window)) {
            const period = `occ:${o.occurrenceId}`;
            effects.push({ ...base, key: `poll:open:${def.id}:${period}`, dueAt: o.at, payload: { definitionId: def.id, period, windowHours: def.windowHours } });
          }
        }
      }
      return effects;
    },
    async run(tx, effect, ctx) {
      const [def] = await tx.select().from(pollDefinitions).where(eq(pollDefinitions.id, Number(effect.payload.definitionId)));
      if (!def?.active) return 'obsolete';
      const instance = await openPoll(tx, def, String(effect.payload.period), effect.dueAt, ctx.now, deps(ctx));
      return instance ? undefined : 'obsolete';
    },
    // Without native polls every poll is a button message in the outbox: set-based.
    async runBatch(tx, effects, ctx) {
      if (nativePolls(ctx)) throw new Error('poll:open batches only without native polls');
      return openPollsBatch(tx, effects, ctx.now);
    },
  };

  const close: JobKind = {
    kind: 'poll:close',
    callsPlatform: nativePolls,
    missedRule: 'always closed, late (results are still worth having)',
    missed: () => 'run',
    async due(db, { to }) {
      const rows = await openInstancePages(db, to, notPlanned('poll:close'));
      return rows.map((r) => ({ key: `poll:close:${r.id}`, dueAt: r.closesAt, complexId: r.complexId, payload: { instanceId: r.id } }));
    },
    async run(tx, effect, ctx) {
      const [instance] = await tx.select().from(pollInstances).where(eq(pollInstances.id, Number(effect.payload.instanceId))).for('update');
      if (!instance || instance.closedAt) return 'obsolete';
      // The first attempts retry a failed stopPoll (the scheduler backs off 1, then 2 minutes); the last closes regardless.
      await closePoll(tx, instance, ctx.now, { ...deps(ctx), retryPlatformClose: effect.attempts < CLOSE_RETRIES });
    },
    async runBatch(tx, effects, ctx) {
      if (nativePolls(ctx)) throw new Error('poll:close batches only without native polls');
      return closePollsBatch(tx, effects, ctx.now, deps(ctx));
    },
  };

  /** A day before a poll closes, a nudge in the group. Missed rule: late only while 2 hours of voting remain. */
  const remind: JobKind = {
    kind: 'poll:remind',
    missedRule: 'sent late while at least 2 hours of voting remain; skipped after that',
    missed: (effect, now) => (now.getTime() <= Number(effect.payload.closesAt) - 2 * 3_600_000 ? 'run' : 'skip'),
    async due(db, { to }) {
      const rows = await openInstancePages(db, new Date(to.getTime() + REMIND_BEFORE_CLOSE_MS), and(isNotNull(pollInstances.openedAt), notPlanned('poll:remind'),
        // Only polls open for at least two days get a nudge: filtered here, or every tick re-reads every open poll.
        sql`${pollInstances.closesAt} - ${pollInstances.openedAt} >= ${sql.raw(`interval '${(2 * REMIND_BEFORE_CLOSE_MS) / 3_600_000} hours'`)}`));
      return rows.map((r) => ({
        key: `poll:remind:${r.id}`, dueAt: new Date(r.closesAt.getTime() - REMIND_BEFORE_CLOSE_MS), complexId: r.complexId,
        payload: { instanceId: r.id, closesAt: r.closesAt.getTime() },
      }));
    },
    async run(tx, effect, ctx) {
      const [instance] = await tx.select().from(pollInstances).where(eq(pollInstances.id, Number(effect.payload.instanceId)));
      if (!instance || instance.closedAt) return 'obsolete';
      const votes = await tx.$count(pollVotes, eq(pollVotes.instanceId, instance.id));
      const targets = await tx.select({ chat: chats, language: complexes.language }).from(chats)
        .innerJoin(complexes, eq(complexes.id, chats.complexId))
        .where(and(eq(chats.complexId, instance.complexId), eq(chats.purpose, 'complex'))).orderBy(chats.id);
      for (const { chat, language } of targets) {
        await enqueue(tx, {
          platform: chat.platform, to: { chatId: chat.platformChatId }, key: `${effect.key}:${chat.id}`,
          message: { lang: isLang(language) ? language : DEFAULT_LANG, body: [msg('polls.reminder', { question: instance.question, votes })] },
        }, ctx.now);
      }
    },
  };

  return [open, remind, close];
}
