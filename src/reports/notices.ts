import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { chats, complexes, complexMembers, corporationRoles } from '../db/schema/index.js';
import type { Reply } from '../handler.js';
import { DEFAULT_LANG, isLang, type Msg } from '../i18n/index.js';
import { enqueue, personTarget } from '../outbox/queue.js';
import type { Button } from '../platform.js';
import type { ReportRow } from './queries.js';

/**
 * Who hears about a report, as data: a handler turns notices into replies (sent after its
 * transaction commits), a scheduled job queues them in the outbox. Private reports reach only the
 * reporter, the coordinators and — once the corporation holds it — the liaison: `group` is the one
 * place a notice can reach a group chat, and it refuses anything but a public report.
 */
export interface Notice {
  to: { personId: number } | { chatRowId: number };
  body: Msg[];
  buttons?: Button[][];
  photo?: { fileId: string; platform: string };
  /** A thread under the post, for the neighbours' conversation about it (where the platform has them). */
  thread?: Msg;
  /** The outbox topic of a group post that is edited later (its "me too" count). */
  topic?: string;
}

export function photoOf(report: ReportRow): Notice['photo'] {
  return report.photoFileId && report.photoPlatform ? { fileId: report.photoFileId, platform: report.photoPlatform } : undefined;
}

export function toReporter(report: ReportRow, body: Msg[], buttons?: Button[][]): Notice[] {
  return report.reporterPersonId === null ? [] : [{ to: { personId: report.reporterPersonId }, body, ...(buttons ? { buttons } : {}) }];
}

/** Every linked group of the complex — for public reports only. */
export async function toGroups(db: Db, report: ReportRow, body: Msg[], buttons?: Button[][], post?: { thread: Msg; topic: string }): Promise<Notice[]> {
  if (report.visibility !== 'public') return [];
  const rows = await db.select({ id: chats.id }).from(chats).where(and(eq(chats.complexId, report.complexId), eq(chats.purpose, 'complex')));
  return rows.map((c) => ({ to: { chatRowId: c.id }, body, ...(buttons ? { buttons } : {}), ...(post ?? {}) }));
}

export async function coordinatorIds(db: Db, complexId: number): Promise<number[]> {
  const rows = await db.select({ id: complexMembers.personId }).from(complexMembers)
    .where(and(eq(complexMembers.complexId, complexId), eq(complexMembers.role, 'coordinator')));
  return rows.map((r) => r.id);
}

export async function toCoordinators(db: Db, report: ReportRow, body: Msg[], buttons?: Button[][], except?: number | null): Promise<Notice[]> {
  return (await coordinatorIds(db, report.complexId)).filter((id) => id !== except)
    .map((personId) => ({ to: { personId }, body, ...(buttons ? { buttons } : {}), ...(photoOf(report) ? { photo: photoOf(report)! } : {}) }));
}

export async function corporationOf(db: Db, complexId: number): Promise<number | null> {
  const [c] = await db.select({ corporationId: complexes.corporationId }).from(complexes).where(eq(complexes.id, complexId));
  return c?.corporationId ?? null;
}

/** The corporation's liaison chats, or a DM to each of its liaisons when it has none. */
export async function toLiaison(db: Db, report: ReportRow, body: Msg[], buttons?: Button[][]): Promise<Notice[]> {
  const corporationId = await corporationOf(db, report.complexId);
  if (corporationId === null) return [];
  const extra = { ...(buttons ? { buttons } : {}), ...(photoOf(report) ? { photo: photoOf(report)! } : {}) };
  const liaisonChats = await db.select({ id: chats.id }).from(chats)
    .where(and(eq(chats.corporationId, corporationId), eq(chats.purpose, 'liaison')));
  if (liaisonChats.length > 0) return liaisonChats.map((c) => ({ to: { chatRowId: c.id }, body, ...extra }));
  const liaisons = await db.select({ id: corporationRoles.personId }).from(corporationRoles)
    .where(and(eq(corporationRoles.corporationId, corporationId), eq(corporationRoles.role, 'liaison')));
  return liaisons.map((l) => ({ to: { personId: l.id }, body, ...extra }));
}

/** Notices as handler replies; a photo only travels on the platform it came from. */
export async function noticesAsReplies(db: Db, notices: Notice[], platformName: string): Promise<Reply[]> {
  const out: Reply[] = [];
  for (const n of notices) {
    const reply: Reply = { body: n.body, ...(n.buttons ? { buttons: n.buttons } : {}), ...(n.thread ? { thread: n.thread } : {}),
      ...(n.topic ? { topic: n.topic } : {}),
      to: 'personId' in n.to ? { personId: n.to.personId } : { chatId: n.to.chatRowId } };
    if (n.photo) {
      const platform = 'chatRowId' in n.to
        ? (await db.select({ p: chats.platform }).from(chats).where(eq(chats.id, n.to.chatRowId)))[0]?.p : platformName;
      if (platform === n.photo.platform) reply.photoFileId = n.photo.fileId;
    }
    out.push(reply);
  }
  return out;
}

/** Notices queued in the outbox (scheduled work), each once per `key`. */
export async function enqueueNotices(tx: Db, notices: Notice[], key: string, platforms: string[], now: Date, complexLang?: string): Promise<void> {
  for (const [i, n] of notices.entries()) {
    if ('personId' in n.to) {
      const target = await personTarget(tx, n.to.personId, platforms, complexLang);
      if (!target) continue;
      await enqueue(tx, { platform: target.identity.platform, to: { userId: target.identity.platformUserId }, key: `${key}:p${n.to.personId}:${i}`,
        message: { lang: target.lang, body: n.body, ...(n.buttons ? { buttons: n.buttons } : {}),
          ...(n.photo?.platform === target.identity.platform ? { photoFileId: n.photo.fileId } : {}) } }, now);
      continue;
    }
    const [chat] = await tx.select().from(chats).where(eq(chats.id, n.to.chatRowId));
    if (!chat || !platforms.includes(chat.platform)) continue;
    const [complex] = chat.complexId ? await tx.select().from(complexes).where(eq(complexes.id, chat.complexId)) : [];
    await enqueue(tx, { platform: chat.platform, to: { chatId: chat.platformChatId }, key: `${key}:c${chat.id}:${i}`, ...(n.topic ? { topic: n.topic } : {}),
      message: { lang: isLang(complex?.language) ? complex.language : DEFAULT_LANG, body: n.body, ...(n.buttons ? { buttons: n.buttons } : {}),
        ...(n.thread ? { thread: n.thread } : {}),
        ...(n.photo?.platform === chat.platform ? { photoFileId: n.photo.fileId } : {}) } }, now);
  }
}
