import { and, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { announcementAcks, announcements, chats, complexes, complexMembers } from '../db/schema/index.js';
import { DEFAULT_LANG, isLang, msg, type Lang } from '../i18n/index.js';
import { enqueue, enqueueEdit, enqueueToPerson, sentRefs } from '../outbox/queue.js';
import type { OutboundMessage } from '../platform.js';
import type { JobKind } from '../scheduler/engine.js';

export type AnnouncementRow = typeof announcements.$inferSelect;

const topicOf = (id: number) => `announcement:${id}`;

/** The complexes an announcement reaches: its complex, or every complex of its corporation. */
export async function targetComplexIds(db: Db, ann: Pick<AnnouncementRow, 'complexId' | 'corporationId'>): Promise<number[]> {
  if (ann.complexId) return [ann.complexId];
  if (!ann.corporationId) return [];
  const rows = await db.select({ id: complexes.id }).from(complexes).where(eq(complexes.corporationId, ann.corporationId));
  return rows.map((r) => r.id);
}

export async function targetChats(db: Db, ann: Pick<AnnouncementRow, 'complexId' | 'corporationId'>) {
  const ids = await targetComplexIds(db, ann);
  if (ids.length === 0) return [];
  return db.select({ chat: chats, language: complexes.language }).from(chats)
    .innerJoin(complexes, eq(complexes.id, chats.complexId))
    .where(and(inArray(chats.complexId, ids), eq(chats.purpose, 'complex'))).orderBy(chats.id);
}

export function announcementMessage(ann: AnnouncementRow, acks: number, lang: Lang): OutboundMessage {
  return {
    lang, body: [msg('announcements.body', { author: ann.authorName, text: ann.text })],
    ...(ann.askAck ? { buttons: [[{ label: msg('announcements.ackButton', { count: acks }), action: `ann:ack:${ann.id}` }]] } : {}),
  };
}

async function ackCount(db: Db, id: number): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(announcementAcks).where(eq(announcementAcks.announcementId, id));
  return row?.n ?? 0;
}

/** Queues the announcement to every target chat (once per chat, whoever calls this) and marks it sent. */
export async function dispatch(tx: Db, ann: AnnouncementRow, now: Date): Promise<number> {
  const targets = await targetChats(tx, ann);
  for (const { chat, language } of targets) {
    await enqueue(tx, {
      platform: chat.platform, to: { chatId: chat.platformChatId }, key: `${topicOf(ann.id)}:chat:${chat.id}`,
      topic: topicOf(ann.id), pin: ann.pin, message: announcementMessage(ann, 0, isLang(language) ? language : DEFAULT_LANG),
    }, now);
  }
  await tx.update(announcements).set({ sentAt: now }).where(eq(announcements.id, ann.id));
  return targets.length;
}

/** Records an acknowledgement; true when it is new. Every sent copy's count is then edited (paced, coalesced). */
export async function acknowledge(db: Db, ann: AnnouncementRow, personId: number, now: Date): Promise<boolean> {
  const inserted = await db.insert(announcementAcks).values({ announcementId: ann.id, personId, at: now })
    .onConflictDoNothing().returning({ id: announcementAcks.personId });
  if (inserted.length === 0) return false;
  const count = await ackCount(db, ann.id);
  for (const ref of await sentRefs(db, topicOf(ann.id))) {
    await enqueueEdit(db, {
      platform: ref.platform, chatId: ref.chatId, messageId: ref.messageId, topic: topicOf(ann.id),
      message: announcementMessage(ann, count, ref.lang),
    }, now);
  }
  return true;
}

/** Send-later: every announcement whose time has come. Missed rule: always sent, late. */
export const announcementSendJob: JobKind = {
  kind: 'announcement:send',
  missedRule: 'always sent, late (the coordinator asked for it; a late notice beats none)',
  missed: () => 'run',
  async due(db, { to }) {
    const rows = await db.select({ id: announcements.id, sendAt: announcements.sendAt, complexId: announcements.complexId })
      .from(announcements).where(and(isNull(announcements.sentAt), isNull(announcements.cancelledAt), lte(announcements.sendAt, to)));
    return rows.map((r) => ({ key: `ann:send:${r.id}`, dueAt: r.sendAt, complexId: r.complexId, payload: { id: r.id } }));
  },
  async run(tx, effect, { now }) {
    const [ann] = await tx.select().from(announcements).where(eq(announcements.id, Number(effect.payload.id))).for('update');
    if (!ann || ann.sentAt || ann.cancelledAt) return 'obsolete';
    await dispatch(tx, ann, now);
  },
};

/**
 * Re-ping, once: members of the target complexes who have not acknowledged get a DM with the
 * announcement and the button. Missed rule: sent late up to 7 days after its time, then skipped.
 */
export const announcementRepingJob: JobKind = {
  kind: 'announcement:reping',
  missedRule: 'sent late up to 7 days after its time, then skipped',
  missed: (effect, now) => (now.getTime() - effect.dueAt.getTime() <= 7 * 86_400_000 ? 'run' : 'skip'),
  async due(db, { to }) {
    const rows = await db.select().from(announcements).where(and(isNotNull(announcements.sentAt), isNull(announcements.repingedAt),
      eq(announcements.askAck, true),
      sql`${announcements.sentAt} + make_interval(hours => ${announcements.repingAfterHours}) <= ${to.toISOString()}::timestamptz`));
    return rows.map((r) => ({
      key: `ann:reping:${r.id}`, dueAt: new Date(r.sentAt!.getTime() + r.repingAfterHours * 3_600_000), complexId: r.complexId,
      payload: { id: r.id },
    }));
  },
  async run(tx, effect, { now, platforms }) {
    const [ann] = await tx.select().from(announcements).where(eq(announcements.id, Number(effect.payload.id))).for('update');
    if (!ann || ann.repingedAt) return 'obsolete';
    await tx.update(announcements).set({ repingedAt: now }).where(eq(announcements.id, ann.id));
    const complexIds = await targetComplexIds(tx, ann);
    if (complexIds.length === 0) return 'obsolete';
    const members = await tx.selectDistinct({ personId: complexMembers.personId, language: complexes.language }).from(complexMembers)
      .innerJoin(complexes, eq(complexes.id, complexMembers.complexId))
      .where(and(inArray(complexMembers.complexId, complexIds),
        sql`not exists (select 1 from announcement_acks a where a.announcement_id = ${ann.id} and a.person_id = ${complexMembers.personId})`));
    const count = await ackCount(tx, ann.id);
    const seen = new Set<number>();
    for (const m of members) {
      if (seen.has(m.personId) || m.personId === ann.authorPersonId) continue;
      seen.add(m.personId);
      const message = announcementMessage(ann, count, DEFAULT_LANG);
      await enqueueToPerson(tx, {
        personId: m.personId, platforms: [...platforms.keys()], key: `ann:reping:${ann.id}:${m.personId}`, topic: `${topicOf(ann.id)}:reping`,
        body: [msg('announcements.reping'), ...message.body], buttons: message.buttons ?? [], complexLang: m.language,
      }, now);
    }
  },
};
