import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { complexes, reportMeToo, reports } from '../db/schema/index.js';
import { UserError } from '../handler.js';
import { msg, type Msg } from '../i18n/index.js';
import { corporationOf, toCoordinators, toGroups, toLiaison, toReporter, type Notice } from './notices.js';
import { fixedButtons, historyLines, liaisonButtons, meTooButton, numberOnly, stateMsg, summary, threadName, triageButtons } from './format.js';
import { audit, getReport, history, nextNumber, type ReportRow } from './queries.js';
import { decide, isOpen, type ActorRole, type ReportAction, type ReportState } from './rules.js';
import { clockTimeBetween } from './sla.js';
import { escalateAfterHours, forcedPrivate, isCategory, reportConfig } from './settings.js';
import { queueHandoff } from './vera-queue.js';
import { enqueueEdit, sentRefs } from '../outbox/queue.js';

export const MAX_TEXT = 1000;

const openInput = z.object({
  complexId: z.number().int().positive(),
  reporterPersonId: z.number().int().positive().nullable(),
  text: z.string().trim().min(1).max(MAX_TEXT),
  category: z.string(),
  location: z.string().trim().max(100).nullable(),
  visibility: z.enum(['public', 'private']),
  source: z.enum(['group', 'direct', 'poll', 'loan']),
  now: z.date(),
  photo: z.object({ fileId: z.string().min(1), platform: z.string().min(1) }).nullable().optional(),
  originChatId: z.number().int().nullable().optional(),
});
export type OpenReportInput = z.input<typeof openInput>;

export interface Outcome { report: ReportRow; notices: Notice[] }

/** Checks a report's text: not empty, not longer than MAX_TEXT characters. */
export function checkText(text: string): string {
  const t = text.trim();
  if (t.length === 0) throw new UserError(msg('reports.error.emptyText'));
  if (t.length > MAX_TEXT) throw new UserError(msg('reports.error.longText', { max: MAX_TEXT }));
  return t;
}

/**
 * Opens a report (for this capability's own flow and for others: a low poll score, a broken item).
 * Nuisance and private categories are always private. Public reports are posted in the groups with a
 * "me too" button; coordinators get triage buttons; safety reports go to the corporation at once.
 * Returns the notices to deliver (a handler returns them as replies, a job queues them).
 */
export async function openReport(tx: Db, input: OpenReportInput): Promise<Outcome> {
  if (!isCategory(input.category)) throw new UserError(msg('reports.error.unknownCategory', { category: input.category }));
  checkText(input.text);
  const i = openInput.parse(input);
  const config = await reportConfig(tx, i.complexId);
  const visibility = forcedPrivate(config, i.category) ? 'private' : i.visibility;
  const number = await nextNumber(tx, i.complexId);
  const [report] = await tx.insert(reports).values({
    complexId: i.complexId, number, reporterPersonId: i.reporterPersonId, text: i.text, category: i.category, location: i.location || null,
    photoFileId: i.photo?.fileId ?? null, photoPlatform: i.photo?.platform ?? null, visibility, source: i.source,
    originChatId: i.originChatId ?? null, createdAt: i.now,
  }).returning();
  await audit(tx, { reportId: report!.id, at: i.now, actorPersonId: i.reporterPersonId, actorRole: i.reporterPersonId ? 'reporter' : 'system',
    action: 'open', from: 'new', to: 'new' });
  const notices = [
    ...await toGroups(tx, report!, groupPost(report!), meTooButton(report!), { thread: threadName(report!), topic: postTopic(report!.id) }),
    ...await toCoordinators(tx, report!, [msg(visibility === 'private' ? 'reports.newPrivate' : 'reports.new'), summary(report!)], triageButtons(report!)),
  ];
  if (escalateAfterHours(config, i.category) === 0 && (await corporationOf(tx, i.complexId)) !== null) {
    const escalated = await act(tx, report!.id, 'escalate', { personId: null, role: 'system' }, null, i.now);
    return { report: escalated.report, notices: [...notices, ...escalated.notices] };
  }
  return { report: report!, notices };
}

function refusal(reason: 'closed' | 'notAllowed' | 'notNow', state: ReportState): UserError {
  if (reason === 'closed') return new UserError(msg('reports.error.closed'));
  if (reason === 'notAllowed') return new UserError(msg('reports.error.notAllowed'));
  return new UserError(msg('reports.error.notNow', { state: stateMsg(state) }));
}

async function complexTz(tx: Db, complexId: number): Promise<{ tz: string; lang: string }> {
  const [c] = await tx.select().from(complexes).where(eq(complexes.id, complexId));
  return { tz: c?.timezone ?? 'Europe/Amsterdam', lang: c?.language ?? 'nl' };
}

/** What the liaison receives on escalation: details, photo, me-too count, history and the buttons. */
export async function escalationNotices(tx: Db, r: ReportRow, reopened = false): Promise<Notice[]> {
  const { tz, lang } = await complexTz(tx, r.complexId);
  const [complex] = await tx.select().from(complexes).where(eq(complexes.id, r.complexId));
  const body: Msg[] = [msg(reopened ? 'reports.liaison.reopened' : 'reports.liaison.escalated', { complex: complex?.name ?? '' }), summary(r),
    msg('reports.meTooCount', { count: r.meToo }), msg('reports.historyTitle'), ...historyLines(await history(tx, r.id), tz, lang)];
  return toLiaison(tx, r, body, liaisonButtons(r));
}

/**
 * Applies one action to a report under a row lock: the decider says whether the actor may, the
 * change and its audit row are written in the caller's transaction, and the notices say who hears of it.
 */
export async function act(tx: Db, reportId: number, action: ReportAction, actor: { personId: number | null; role: ActorRole },
  note: string | null, now: Date): Promise<Outcome> {
  const before = await getReport(tx, reportId, { lock: true });
  if (!before) throw new UserError(msg('reports.error.unknown'));
  const decision = decide({ state: before.state as ReportState, heldBy: before.heldBy as 'group' | 'corporation', waiting: before.waitingSince !== null }, action, actor.role);
  if (!decision.ok) throw refusal(decision.reason, before.state as ReportState);
  if (action === 'escalate' && (await corporationOf(tx, before.complexId)) === null) throw new UserError(msg('reports.error.noCorporation'));
  const set: Partial<typeof reports.$inferInsert> = { state: decision.to, heldBy: decision.heldBy };
  switch (action) {
    case 'acknowledge': if (actor.role === 'liaison') set.liaisonAcknowledgedAt = now; else set.acknowledgedAt = now; break;
    case 'start':
      if (actor.role === 'coordinator') set.assigneePersonId = actor.personId;
      // Starting the work acknowledges it too: the SLA clock for acknowledging stops.
      if (actor.role === 'liaison' && !before.liaisonAcknowledgedAt) set.liaisonAcknowledgedAt = now;
      break;
    case 'escalate': Object.assign(set, { escalatedAt: now, liaisonAcknowledgedAt: null, waitingSince: null, pausedMs: 0, round: before.round + 1 }); break;
    case 'reject': case 'resolve': case 'notOurs': set.note = note; if (action === 'resolve') set.resolvedAt = now; break;
    case 'ask': set.waitingSince = now; break;
    case 'answer': {
      const clock = (await reportConfig(tx, before.complexId)).clock;
      Object.assign(set, { waitingSince: null, pausedMs: before.pausedMs + clockTimeBetween(before.waitingSince!, now, clock) });
      break;
    }
    case 'close': set.closedAt = now; break;
    case 'reopen':
      Object.assign(set, { resolvedAt: null, closedAt: null, round: before.round + 1, waitingSince: null });
      if (decision.heldBy === 'corporation') Object.assign(set, { escalatedAt: now, liaisonAcknowledgedAt: null, pausedMs: 0 });
      break;
    default: { const never: never = action; throw new Error(String(never)); }
  }
  const [report] = await tx.update(reports).set(set).where(eq(reports.id, reportId)).returning();
  const r = report!;
  await audit(tx, { reportId, at: now, actorPersonId: actor.personId, actorRole: actor.role, action, from: before.state as ReportState, to: decision.to, note });
  // The corporation's own system (VERA), if it has one, gets the report after this commits.
  if (action === 'escalate' || (action === 'reopen' && r.heldBy === 'corporation')) await queueHandoff(tx, r, now, { reopened: action === 'reopen' });
  return { report: r, notices: await noticesFor(tx, before, r, action, actor, note) };
}

async function noticesFor(tx: Db, before: ReportRow, r: ReportRow, action: ReportAction, actor: { personId: number | null; role: ActorRole }, note: string | null): Promise<Notice[]> {
  if (action === 'ask' || action === 'answer') return []; // the conversation itself carries these (see prompts.ts)
  const status: Msg[] = [action === 'acknowledge' && actor.role === 'liaison'
    ? msg('reports.liaisonAcknowledged', { number: r.number })
    : msg(note ? 'reports.statusNote' : 'reports.status', { number: r.number, state: stateMsg(r.state), ...(note ? { note } : {}) })];
  const out: Notice[] = [];
  if (actor.personId !== r.reporterPersonId) {
    out.push(...toReporter(r, [...status, summary(r)]));
  }
  if (before.state !== r.state || action === 'acknowledge') {
    // The group hears of a public report's progress by number and state only — never a private one.
    out.push(...await toGroups(tx, r, [msg('reports.groupStatus', { number: r.number, state: stateMsg(r.state), ...(note ? { note } : {}) }), summary(r)]));
  }
  if (actor.role === 'liaison' || actor.role === 'system' || actor.role === 'reporter') {
    // Back with the group (not ours, reopened): the coordinators get their triage buttons again.
    const triage = r.heldBy === 'group' && isOpen(r.state as ReportState) ? triageButtons(r) : undefined;
    out.push(...await toCoordinators(tx, r, [...status, summary(r)], triage, actor.personId));
  }
  if (action === 'escalate') out.push(...await escalationNotices(tx, r));
  if (action === 'reopen' && r.heldBy === 'corporation') out.push(...await escalationNotices(tx, r, true));
  if (action === 'resolve' && actor.role === 'coordinator' && r.heldBy === 'corporation') out.push(...await toLiaison(tx, r, [...status, summary(r)]));
  return out;
}

/**
 * "Me too" on a public open report: one per person (primary key), under the report's row lock so
 * the count and the threshold escalation are decided once, however many press at the same time.
 */
/** The outbox topic of a public report's post in the group(s). */
const postTopic = (reportId: number) => `report:${reportId}:post`;

/** A public report's post in the group: what it is, with the "me too" button (and its count). */
function groupPost(r: ReportRow): Msg[] {
  return [msg('reports.posted'), summary(r)];
}

/**
 * Every copy of the group post shows the new "me too" count. Edits of one message coalesce in the outbox,
 * so 30 presses at once become a few edits within the group's rate limit, not 30.
 */
async function showMeTooCount(tx: Db, r: ReportRow, now: Date): Promise<void> {
  for (const ref of await sentRefs(tx, postTopic(r.id))) {
    await enqueueEdit(tx, { platform: ref.platform, chatId: ref.chatId, messageId: ref.messageId, topic: postTopic(r.id),
      message: { lang: ref.lang, body: groupPost(r), buttons: meTooButton(r) } }, now);
  }
}

export async function meToo(tx: Db, reportId: number, personId: number, now: Date): Promise<Outcome & { added: boolean }> {
  const report = await getReport(tx, reportId, { lock: true });
  if (!report || report.visibility !== 'public') throw new UserError(msg('reports.error.unknown'));
  if (report.state === 'closed' || report.state === 'rejected' || report.state === 'resolved') throw new UserError(msg('reports.error.closed'));
  if (report.reporterPersonId === personId) throw new UserError(msg('reports.meTooOwn'));
  const inserted = await tx.insert(reportMeToo).values({ reportId, personId, at: now }).onConflictDoNothing().returning();
  if (inserted.length === 0) return { report, notices: [], added: false };
  const [updated] = await tx.update(reports).set({ meToo: sql`${reports.meToo} + 1` }).where(eq(reports.id, reportId)).returning();
  await showMeTooCount(tx, updated!, now);
  const config = await reportConfig(tx, report.complexId);
  if (updated!.meToo >= config.escalation.me_too_threshold && updated!.heldBy === 'group'
    && (await corporationOf(tx, report.complexId)) !== null) {
    const escalated = await act(tx, reportId, 'escalate', { personId: null, role: 'system' }, null, now);
    return { ...escalated, added: true };
  }
  return { report: updated!, notices: [], added: true };
}

export { fixedButtons, numberOnly };
