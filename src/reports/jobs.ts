import { eq } from 'drizzle-orm';
import { complexes } from '../db/schema/index.js';
import { UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import type { Effect, JobKind } from '../scheduler/engine.js';
import { fixedButtons, liaisonButtons, summary } from './format.js';
import { enqueueNotices, toCoordinators, toLiaison, toReporter } from './notices.js';
import { activeReports, getReport, type ReportRow } from './queries.js';
import { act } from './service.js';
import { addClockHours, slaDeadline } from './sla.js';
import { escalateAfterHours, reportConfig, slaHours, type ReportConfig } from './settings.js';

/**
 * The report clock, run by the scheduler: escalation after the configured time without resolution,
 * SLA breach notices (the liaison re-notified, the coordinators warned — once per breach, per round),
 * and the "is it fixed?" question after resolution. Keys carry the report's round, so a reopened or
 * re-escalated report gets fresh notices while two scheduler instances still send each only once.
 */

const HOUR = 3_600_000;
type Notice = 'escalate' | 'sla-ack' | 'sla-resolve' | 'fixed?';

/** When each notice of a report falls due now (null: not applicable in its current state). */
export function noticeTimes(r: ReportRow, config: ReportConfig): Record<Notice, Date | null> {
  const sla = slaHours(config, r.category);
  const paused = { pausedMs: r.pausedMs, waitingSince: r.waitingSince };
  const corporation = r.heldBy === 'corporation' && r.escalatedAt !== null && r.resolvedAt === null;
  const hours = escalateAfterHours(config, r.category);
  return {
    escalate: r.heldBy === 'group' && r.resolvedAt === null && r.state !== 'rejected' ? new Date(r.createdAt.getTime() + hours * HOUR) : null,
    'sla-ack': corporation && !r.liaisonAcknowledgedAt ? slaDeadline(r.escalatedAt!, sla.acknowledge, paused, config.clock) : null,
    'sla-resolve': corporation ? slaDeadline(r.escalatedAt!, sla.resolve, paused, config.clock) : null,
    'fixed?': r.state === 'resolved' && r.resolvedAt && r.reporterPersonId !== null
      ? addClockHours(r.resolvedAt, config.escalation.fixed_question_hours, { ...config.clock, businessHours: null }) : null,
  };
}

export function reportJobs(): JobKind[] {
  return [{
    kind: 'report:notice',
    missedRule: 'escalation and SLA breach notices run late while the report still needs them; "is it fixed?" up to 3 days late',
    missed: (effect, now) => (effect.payload.notice !== 'fixed?' || now.getTime() - effect.dueAt.getTime() <= 72 * HOUR ? 'run' : 'skip'),
    async due(db, { from, to }) {
      const effects: Effect[] = [];
      const configs = new Map<number, ReportConfig>();
      for (const r of await activeReports(db)) {
        if (!configs.has(r.complexId)) configs.set(r.complexId, await reportConfig(db, r.complexId));
        const times = noticeTimes(r, configs.get(r.complexId)!);
        for (const [notice, at] of Object.entries(times) as [Notice, Date | null][]) {
          if (at && at > from && at <= to) {
            effects.push({ key: `report:${r.id}:${r.round}:${notice}`, dueAt: at, complexId: r.complexId, payload: { reportId: r.id, notice, round: r.round } });
          }
        }
      }
      return effects;
    },
    async run(tx, effect, ctx) {
      const r = await getReport(tx, Number(effect.payload.reportId));
      const notice = String(effect.payload.notice) as Notice;
      if (!r || r.round !== Number(effect.payload.round)) return 'obsolete';
      // Still due by the report as it is now (it may have been acknowledged, paused or resolved since).
      const due = noticeTimes(r, await reportConfig(tx, r.complexId))[notice];
      if (!due || due > ctx.now) return 'obsolete';
      const [complex] = await tx.select().from(complexes).where(eq(complexes.id, r.complexId));
      const platforms = [...ctx.platforms.keys()];
      if (notice === 'escalate') {
        const outcome = await act(tx, r.id, 'escalate', { personId: null, role: 'system' }, null, ctx.now).catch((err: unknown) => {
          if (err instanceof UserError) return null; // no corporation, or no longer escalatable
          throw err;
        });
        if (!outcome) return 'obsolete';
        await enqueueNotices(tx, outcome.notices, effect.key, platforms, ctx.now, complex?.language);
        return;
      }
      if (notice === 'fixed?') {
        await enqueueNotices(tx, toReporter(r, [msg('reports.isFixed', { number: r.number }), summary(r)], fixedButtons(r)), effect.key, platforms, ctx.now, complex?.language);
        return;
      }
      const hours = notice === 'sla-ack' ? 'acknowledge' : 'resolve';
      const body = [msg(notice === 'sla-ack' ? 'reports.sla.acknowledge' : 'reports.sla.resolve', { number: r.number, hours: slaHours(await reportConfig(tx, r.complexId), r.category)[hours] }), summary(r)];
      await enqueueNotices(tx, [...await toLiaison(tx, r, body, liaisonButtons(r)), ...await toCoordinators(tx, r, body)], effect.key, platforms, ctx.now, complex?.language);
    },
  }];
}
