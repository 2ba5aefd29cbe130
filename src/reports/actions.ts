import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { reportPrompts } from '../db/schema/index.js';
import { UserError, type ButtonDef, type Ctx, type HandlerResult, type Reply, type ScopeCtx } from '../handler.js';
import { msg } from '../i18n/index.js';
import { chatKeyOf } from './flow.js';
import { corporationOf, noticesAsReplies, toLiaison, toReporter } from './notices.js';
import { fixedButtons, liaisonButtons, stateMsg, summary, triageButtons } from './format.js';
import { getReport, type ReportRow } from './queries.js';
import { getRole } from '../tenancy/queries.js';
import { assignQuestion } from './assign.js';
import { act, checkText, meToo, type Outcome } from './service.js';
import { isOpen, type ReportAction, type ReportState } from './rules.js';

/**
 * Buttons on reports — coordinators' triage, the liaison's status buttons, "me too", "is it fixed?" —
 * and the typed answers some of them ask for (a reason, a note, a question, its answer).
 * The router re-authorises every press against the report's complex; here the liaison is checked
 * against the report's corporation, and the reporter against the report.
 */

const PROMPT_MS = 24 * 3_600_000;
type PromptKind = 'reject' | 'resolve' | 'ask' | 'answer';

async function setPrompt(db: Db, personId: number, chatKey: string, reportId: number, kind: PromptKind, now: Date): Promise<void> {
  await db.insert(reportPrompts).values({ personId, chatKey, reportId, kind, expiresAt: new Date(now.getTime() + PROMPT_MS) })
    .onConflictDoUpdate({ target: [reportPrompts.personId, reportPrompts.chatKey], set: { reportId, kind, expiresAt: new Date(now.getTime() + PROMPT_MS) } });
}

async function outcomeReplies(ctx: Ctx, outcome: Outcome, answer: Reply): Promise<Reply[]> {
  // Ids and states only: a report's text and its reporter never go into a log line.
  const r = outcome.report;
  ctx.log.info({ reportId: r.id, complexId: r.complexId, state: r.state, heldBy: r.heldBy, actorPersonId: ctx.person.id, notices: outcome.notices.length }, 'report updated');
  return [answer, ...await noticesAsReplies(ctx.db, outcome.notices, ctx.platform.name)];
}

/** The pressed message, updated: its state, and the buttons that still make sense for who pressed. */
const done = (r: ReportRow, edit: boolean, by: 'coordinator' | 'liaison'): Reply => {
  const open = isOpen(r.state as ReportState);
  const buttons = by === 'liaison' ? (open && r.heldBy === 'corporation' ? liaisonButtons(r) : undefined)
    : (open && r.heldBy === 'group' ? triageButtons(r) : undefined);
  return { body: [msg('reports.status', { number: r.number, state: stateMsg(r.state) }), summary(r)], ...(buttons ? { buttons } : {}), ...(edit ? { editOriginal: true } : {}) };
};

async function reportScope(ctx: ScopeCtx, [id]: string[]): Promise<number | null> {
  const r = await getReport(ctx.db, Number(id) || 0);
  return r?.complexId ?? null;
}

/** A liaison acts only on reports of complexes of their own corporation. */
async function assertLiaisonOf(ctx: Ctx, report: ReportRow): Promise<void> {
  const corporationId = await corporationOf(ctx.db, report.complexId);
  if (corporationId === null || !ctx.liaisonOf.includes(corporationId)) throw new UserError(msg('core.error.buttonNotForYou'));
}

async function load(ctx: Ctx, id: string | undefined): Promise<ReportRow> {
  const r = await getReport(ctx.db, Number(id) || 0);
  if (!r) throw new UserError(msg('reports.error.unknown'));
  return r;
}

const TRIAGE: readonly string[] = ['acknowledge', 'start', 'escalate', 'reject'];
const LIAISON: readonly string[] = ['acknowledge', 'start', 'ask', 'resolve', 'resolveNow', 'notOurs'];

export const reportButtons: ButtonDef[] = [{
  prefix: 'rep:t',
  requires: 'coordinator',
  scope: reportScope,
  async run(ctx, [id, action]) {
    if (!action || !TRIAGE.includes(action)) throw new UserError(msg('core.error.buttonExpired'));
    const r = await load(ctx, id);
    if (action === 'reject') {
      await setPrompt(ctx.db, ctx.person.id, chatKeyOf(ctx), r.id, 'reject', ctx.now);
      return { body: [msg('reports.ask.rejectReason', { number: r.number })] };
    }
    const outcome = await act(ctx.db, r.id, action as ReportAction, { personId: ctx.person.id, role: 'coordinator' }, null, ctx.now);
    const replies = await outcomeReplies(ctx, outcome, done(outcome.report, true, 'coordinator'));
    // Handled within the group: who does it?
    return action === 'start' ? [...replies, await assignQuestion(ctx, outcome.report)] : replies;
  },
}, {
  prefix: 'rep:l',
  requires: 'liaison',
  scope: reportScope,
  async run(ctx, [id, action]) {
    if (!action || !LIAISON.includes(action)) throw new UserError(msg('core.error.buttonExpired'));
    const r = await load(ctx, id);
    await assertLiaisonOf(ctx, r);
    if (action === 'ask') {
      if (r.reporterPersonId === null) throw new UserError(msg('reports.error.noReporter'));
      if (r.heldBy !== 'corporation' || r.waitingSince) throw new UserError(msg('reports.error.notNow', { state: stateMsg(r.state) }));
      await setPrompt(ctx.db, ctx.person.id, chatKeyOf(ctx), r.id, 'ask', ctx.now);
      return { body: [msg('reports.ask.question', { number: r.number })] };
    }
    if (action === 'resolve') {
      if (r.heldBy !== 'corporation') throw new UserError(msg('reports.error.notAllowed'));
      await setPrompt(ctx.db, ctx.person.id, chatKeyOf(ctx), r.id, 'resolve', ctx.now);
      return { body: [msg('reports.ask.resolveNote', { number: r.number })], buttons: [[{ label: msg('reports.button.withoutNote'), action: `rep:l:${r.id}:resolveNow` }]] };
    }
    const verb = (action === 'resolveNow' ? 'resolve' : action) as ReportAction;
    const outcome = await act(ctx.db, r.id, verb, { personId: ctx.person.id, role: 'liaison' }, null, ctx.now);
    return outcomeReplies(ctx, outcome, done(outcome.report, true, 'liaison'));
  },
}, {
  prefix: 'rep:mt',
  requires: 'complex',
  scope: reportScope,
  async run(ctx, [id]) {
    const result = await meToo(ctx.db, (await load(ctx, id)).id, ctx.person.id, ctx.now);
    // Personal: the count is for the presser; the group post shows it too, edited through the outbox (coalesced).
    const answer: Reply = { body: [msg(result.added ? 'reports.meTooAdded' : 'reports.meTooAlready', { number: result.report.number, count: result.report.meToo })], ephemeral: true };
    return outcomeReplies(ctx, result, answer);
  },
}, {
  prefix: 'rep:fx',
  requires: 'anyone',
  scope: reportScope,
  async run(ctx, [id, yes]) {
    const r = await load(ctx, id);
    if (r.reporterPersonId !== ctx.person.id) throw new UserError(msg('core.error.buttonNotForYou'));
    const outcome = await act(ctx.db, r.id, yes === '1' ? 'close' : 'reopen', { personId: ctx.person.id, role: 'reporter' }, null, ctx.now);
    return outcomeReplies(ctx, outcome, { body: [msg(yes === '1' ? 'reports.fixedThanks' : 'reports.fixedReopened', { number: r.number })], editOriginal: true });
  },
}];

/** The typed answer to a question the bot asked this person in this chat about a report. */
export async function promptText(ctx: Ctx, text: string): Promise<HandlerResult | null> {
  const chatKey = chatKeyOf(ctx);
  const [prompt] = await ctx.db.select().from(reportPrompts).where(and(eq(reportPrompts.personId, ctx.person.id), eq(reportPrompts.chatKey, chatKey)));
  if (!prompt || prompt.expiresAt <= ctx.now) return null;
  const r = await getReport(ctx.db, prompt.reportId);
  await ctx.db.delete(reportPrompts).where(and(eq(reportPrompts.personId, ctx.person.id), eq(reportPrompts.chatKey, chatKey)));
  if (!r) throw new UserError(msg('reports.error.unknown'));
  const note = checkText(text);
  const me = { personId: ctx.person.id };
  switch (prompt.kind as PromptKind) {
    case 'reject': {
      if ((await getRole(ctx.db, r.complexId, ctx.person.id)) !== 'coordinator') throw new UserError(msg('core.error.coordinatorOnly'));
      return outcomeReplies(ctx, await act(ctx.db, r.id, 'reject', { ...me, role: 'coordinator' }, note, ctx.now), done((await getReport(ctx.db, r.id))!, false, 'coordinator'));
    }
    case 'resolve': {
      await assertLiaisonOf(ctx, r);
      return outcomeReplies(ctx, await act(ctx.db, r.id, 'resolve', { ...me, role: 'liaison' }, note, ctx.now), done((await getReport(ctx.db, r.id))!, false, 'liaison'));
    }
    case 'ask': {
      await assertLiaisonOf(ctx, r);
      const outcome = await act(ctx.db, r.id, 'ask', { ...me, role: 'liaison' }, note, ctx.now);
      await setPrompt(ctx.db, r.reporterPersonId!, 'direct', r.id, 'answer', ctx.now);
      const toReporterNotice = toReporter(r, [msg('reports.question', { number: r.number, question: note }), summary(r)]);
      return outcomeReplies(ctx, { ...outcome, notices: toReporterNotice }, { body: [msg('reports.questionSent', { number: r.number })] });
    }
    case 'answer': {
      const outcome = await act(ctx.db, r.id, 'answer', { ...me, role: 'reporter' }, note, ctx.now);
      const forward = await toLiaison(ctx.db, outcome.report, [msg('reports.answer', { number: r.number, answer: note }), summary(outcome.report)], liaisonButtons(outcome.report));
      return outcomeReplies(ctx, { ...outcome, notices: forward }, { body: [msg('reports.answerSent', { number: r.number })] });
    }
    default:
      return null;
  }
}

export { fixedButtons };
