import { lt, sql } from 'drizzle-orm';
import type { RetentionRule } from '../capability.js';
import { reportDrafts, reportPrompts, reports } from '../db/schema/index.js';

/** How long a finished report is kept when the beheerplan says nothing (escalation.closed_report_days). */
export const REPORT_RETENTION_DAYS = 365;

/**
 * Retention (AVG): a finished report — closed, rejected, or resolved without anyone closing it — is
 * deleted with its history, "me too"s and hand-off the complex's number of days after it finished
 * (when it was closed or resolved; a rejected one by its last history entry). Open reports stay.
 */
export const reportRetention: RetentionRule[] = [{
  name: 'finished reports',
  async run(db, now) {
    const finishedAt = sql`coalesce(${reports.closedAt}, ${reports.resolvedAt},
      (select max(e.at) from report_events e where e.report_id = ${reports.id}), ${reports.createdAt})`;
    const days = sql`coalesce((select (s.escalation->>'closed_report_days')::int from report_settings s where s.complex_id = ${reports.complexId}),
      ${REPORT_RETENTION_DAYS})`;
    const removed = await db.delete(reports).where(sql`${reports.state} in ('closed', 'rejected', 'resolved')
      and ${finishedAt} < ${now.toISOString()}::timestamptz - make_interval(days => ${days})`).returning({ id: reports.id });
    return removed.length;
  },
}, {
  // Unfinished conversations that nobody completed.
  name: 'report drafts and questions',
  async run(db, now) {
    const drafts = await db.delete(reportDrafts).where(lt(reportDrafts.expiresAt, now)).returning({ id: reportDrafts.id });
    const prompts = await db.delete(reportPrompts).where(lt(reportPrompts.expiresAt, now)).returning({ id: reportPrompts.reportId });
    return drafts.length + prompts.length;
  },
}];
