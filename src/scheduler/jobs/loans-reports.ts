import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { complexes, complexMembers } from '../../db/schema/index.js';
import { DEFAULT_LANG, isLang, msg, type Lang, type Msg } from '../../i18n/index.js';
import { enqueueToPerson, personTarget } from '../../outbox/queue.js';
import type { Button } from '../../platform.js';
import type { Effect, EffectRow, JobKind, RunContext } from '../engine.js';

// The loan notices moved to the loans capability (src/loans/jobs.ts).
const HOUR = 3_600_000;

/** What the scheduler needs from the reports capability. */
export interface ReportView {
  id: number; complexId: number; title: string; reporterPersonId: number | null;
  openedAt: Date; acknowledgedAt: Date | null; resolvedAt: Date | null; escalatedAt: Date | null;
  /** From the beheerplan (category or escalation section); null: never escalates by time. */
  escalateAfterHours: number | null; slaAcknowledgeHours: number; slaResolveHours: number;
}
export interface ReportsPort {
  /** Reports that are not closed (still waiting for escalation, SLA or a fixed? answer). */
  activeReports(db: Db): Promise<ReportView[]>;
  getReport(db: Db, id: number): Promise<ReportView | null>;
  /** Escalates to the corporation's liaison (the capability sends its own notice). */
  escalate(tx: Db, id: number, now: Date): Promise<void>;
  fixedAction(id: number, fixed: boolean): string;
}

async function complexLang(db: Db, complexId: number): Promise<{ tz: string; lang: Lang }> {
  const [c] = await db.select().from(complexes).where(eq(complexes.id, complexId));
  return { tz: c?.timezone ?? 'Europe/Amsterdam', lang: isLang(c?.language) ? c.language : DEFAULT_LANG };
}

async function dm(tx: Db, ctx: RunContext, effect: EffectRow, personId: number, lang: Lang, body: (l: Lang) => Msg[], buttons?: Button[][]): Promise<void> {
  const target = await personTarget(tx, personId, [...ctx.platforms.keys()], lang);
  await enqueueToPerson(tx, { personId, platforms: [...ctx.platforms.keys()], key: `${effect.key}:${personId}`, complexLang: lang,
    body: body(target?.lang ?? lang), ...(buttons ? { buttons } : {}) }, ctx.now);
}

async function coordinators(db: Db, complexId: number): Promise<number[]> {
  const rows = await db.select({ id: complexMembers.personId }).from(complexMembers)
    .where(and(eq(complexMembers.complexId, complexId), eq(complexMembers.role, 'coordinator')));
  return rows.map((r) => r.id);
}


/** Effects at computed times for a small set of open rows, kept when their time falls in (from, to]. */
function inWindow(items: { key: string; at: Date | null; complexId: number; payload: Record<string, unknown> }[], from: Date, to: Date): Effect[] {
  return items.flatMap((i) => (i.at && i.at > from && i.at <= to ? [{ key: i.key, dueAt: i.at, complexId: i.complexId, payload: i.payload }] : []));
}

export function reportJobs(port: ReportsPort): JobKind[] {
  return [{
    kind: 'report:notice',
    missedRule: 'escalation and SLA breach notices run late while the report is still open; "is it fixed?" up to 3 days late',
    missed: (effect, now) => (effect.payload.notice !== 'fixed?' || now.getTime() - effect.dueAt.getTime() <= 72 * HOUR ? 'run' : 'skip'),
    async due(db, { from, to }) {
      const items = [];
      for (const r of await port.activeReports(db)) {
        const at = (hours: number | null) => (hours === null ? null : new Date(r.openedAt.getTime() + hours * HOUR));
        const base = { complexId: r.complexId };
        items.push({ ...base, key: `report:${r.id}:escalate`, at: at(r.escalateAfterHours), payload: { reportId: r.id, notice: 'escalate' } },
          { ...base, key: `sla:report:${r.id}:acknowledge`, at: at(r.slaAcknowledgeHours), payload: { reportId: r.id, notice: 'sla-ack', hours: r.slaAcknowledgeHours } },
          { ...base, key: `sla:report:${r.id}:resolve`, at: at(r.slaResolveHours), payload: { reportId: r.id, notice: 'sla-resolve', hours: r.slaResolveHours } },
          { ...base, key: `report:${r.id}:fixed?`, at: r.resolvedAt ? new Date(r.resolvedAt.getTime() + 24 * HOUR) : null, payload: { reportId: r.id, notice: 'fixed?' } });
      }
      return inWindow(items, from, to);
    },
    async run(tx, effect, ctx) {
      const r = await port.getReport(tx, Number(effect.payload.reportId));
      const notice = String(effect.payload.notice);
      if (!r) return 'obsolete';
      const { lang } = await complexLang(tx, r.complexId);
      if (notice === 'escalate') {
        if (r.resolvedAt || r.escalatedAt) return 'obsolete';
        await port.escalate(tx, r.id, ctx.now);
        return;
      }
      if (notice === 'fixed?') {
        if (!r.resolvedAt || r.reporterPersonId === null) return 'obsolete';
        await dm(tx, ctx, effect, r.reporterPersonId, lang, () => [msg('scheduler.report.isFixed', { title: r.title })],
          [[{ label: msg('scheduler.report.yes'), action: port.fixedAction(r.id, true) }, { label: msg('scheduler.report.no'), action: port.fixedAction(r.id, false) }]]);
        return;
      }
      const breached = notice === 'sla-ack' ? !r.acknowledgedAt && !r.resolvedAt : !r.resolvedAt;
      if (!breached) return 'obsolete';
      const key = notice === 'sla-ack' ? 'scheduler.report.slaAck' : 'scheduler.report.slaResolve';
      for (const c of await coordinators(tx, r.complexId)) {
        await dm(tx, ctx, effect, c, lang, () => [msg(key, { title: r.title, hours: Number(effect.payload.hours) })]);
      }
    },
  }];
}
