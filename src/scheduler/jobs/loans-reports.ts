import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { complexes, complexMembers } from '../../db/schema/index.js';
import { DEFAULT_LANG, isLang, msg, type Lang, type Msg } from '../../i18n/index.js';
import { enqueueToPerson, personTarget } from '../../outbox/queue.js';
import type { Button } from '../../platform.js';
import type { Effect, EffectRow, JobKind, RunContext } from '../engine.js';
import { getReminderSettings } from '../settings.js';
import { formatLongDateTime } from '../../time/zone.js';

const HOUR = 3_600_000;

/** What the scheduler needs from the loans capability (to be implemented by it). */
export interface LoanView { id: number; complexId: number; itemName: string; borrowerPersonId: number; borrowerName: string; dueAt: Date; returnedAt: Date | null }
export interface LoansPort {
  /** Loans not yet returned (a small set: these are the only ones with future notices). */
  openLoans(db: Db): Promise<LoanView[]>;
  getLoan(db: Db, id: number): Promise<LoanView | null>;
  returnAction(loanId: number): string;
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

export function loanJobs(port: LoansPort): JobKind[] {
  return [{
    kind: 'loan:notice',
    missedRule: 'due-soon: sent while the loan is not yet due; overdue notice and coordinator alert: sent late while not returned',
    missed: (effect, now) => (effect.payload.notice !== 'due-soon' || now.getTime() < Number(effect.payload.loanDueAt) ? 'run' : 'skip'),
    async due(db, { from, to }) {
      const items = [];
      for (const l of await port.openLoans(db)) {
        const alertHours = (await getReminderSettings(db, l.complexId)).loan_overdue_alert_hours;
        const payload = (notice: string) => ({ loanId: l.id, notice, loanDueAt: l.dueAt.getTime() });
        items.push({ key: `loan:${l.id}:due-soon`, at: new Date(l.dueAt.getTime() - 2 * HOUR), complexId: l.complexId, payload: payload('due-soon') },
          { key: `loan:${l.id}:overdue`, at: l.dueAt, complexId: l.complexId, payload: payload('overdue') },
          { key: `loan:${l.id}:alert`, at: new Date(l.dueAt.getTime() + alertHours * HOUR), complexId: l.complexId, payload: payload('alert') });
      }
      return inWindow(items, from, to);
    },
    async run(tx, effect, ctx) {
      const loan = await port.getLoan(tx, Number(effect.payload.loanId));
      if (!loan || loan.returnedAt) return 'obsolete';
      const { tz, lang } = await complexLang(tx, loan.complexId);
      const notice = String(effect.payload.notice);
      if (notice === 'alert') {
        for (const c of await coordinators(tx, loan.complexId)) {
          await dm(tx, ctx, effect, c, lang, (l) => [msg('scheduler.loan.alert', { item: loan.itemName, when: formatLongDateTime(loan.dueAt, tz, l), borrower: loan.borrowerName })]);
        }
        return;
      }
      const key = notice === 'due-soon' ? 'scheduler.loan.dueSoon' : 'scheduler.loan.overdue';
      await dm(tx, ctx, effect, loan.borrowerPersonId, lang, (l) => [msg(key, { item: loan.itemName, when: formatLongDateTime(loan.dueAt, tz, l) })],
        [[{ label: msg('scheduler.loan.returnButton'), action: port.returnAction(loan.id) }]]);
    },
  }];
}

// Report notices (escalation, SLA, "is it fixed?") moved to the reports capability: src/reports/jobs.ts.
