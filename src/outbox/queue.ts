import { jsonRows } from '../db/bulk.js';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { identities, outbox, people } from '../db/schema/index.js';
import { DEFAULT_LANG, isLang, type Lang, type Msg } from '../i18n/index.js';
import type { Button, OutboundMessage, ReplyTarget, RespondMode } from '../platform.js';

export type OutboxRow = typeof outbox.$inferSelect;

export interface OutboxItem {
  platform: string;
  to: { chatId: string } | { userId: string };
  message: OutboundMessage;
  /** Unique per intended delivery: enqueueing the same key twice sends once. */
  key: string;
  topic?: string;
  pin?: boolean;
  /** Do not send before this time (default: at once). */
  notBefore?: Date;
}

/**
 * How a row is delivered beyond "send to the target": as the answer to an event (`respond`), and
 * what to tell a group when a DM cannot reach its person (they never opened a chat with the bot).
 */
export interface DeliveryExtras {
  respond?: { to: ReplyTarget; mode: RespondMode };
  ifUnreachable?: { chatId: string; threadId?: string | undefined; message: OutboundMessage };
}

/** OutboundMessage as JSON: a file's Buffer is kept as base64; delivery extras ride along under `delivery`. */
export function serializeMessage(m: OutboundMessage, extras?: DeliveryExtras): unknown {
  const json = m.file ? { ...m, file: { ...m.file, content: m.file.content.toString('base64') } } : m;
  return extras ? { ...json, delivery: extras } : json;
}

export function deserializeMessage(json: unknown): OutboundMessage {
  const { delivery: _extras, ...m } = json as OutboundMessage & { file?: { name: string; content: string; mimeType: string }; delivery?: unknown };
  return m.file ? { ...m, file: { ...m.file, content: Buffer.from(m.file.content, 'base64') } } : m;
}

export function deliveryExtras(json: unknown): DeliveryExtras {
  return (json as { delivery?: DeliveryExtras }).delivery ?? {};
}

const outboxValues = (item: OutboxItem, now: Date) => ({
  platform: item.platform,
  targetKind: 'chatId' in item.to ? 'chat' : 'user',
  targetId: 'chatId' in item.to ? item.to.chatId : item.to.userId,
  message: serializeMessage(item.message), idempotencyKey: item.key, topic: item.topic ?? null,
  pin: item.pin ? 1 : 0, nextAttemptAt: item.notBefore ?? now, createdAt: now,
});

/** Queues one message; returns false when a message with this key was already queued. */
export async function enqueue(db: Db, item: OutboxItem, now: Date): Promise<boolean> {
  const inserted = await db.insert(outbox).values(outboxValues(item, now)).onConflictDoNothing().returning({ id: outbox.id });
  return inserted.length > 0;
}

/** Queues many messages in a few statements (scheduler batches); a key already queued is skipped. */
export async function enqueueMany(db: Db, items: OutboxItem[], now: Date): Promise<void> {
  for (let i = 0; i < items.length; i += 1000) {
    const rows = items.slice(i, i + 1000).map((item) => {
      const v = outboxValues(item, now);
      return { platform: v.platform, target_kind: v.targetKind, target_id: v.targetId, message: v.message, idempotency_key: v.idempotencyKey,
        topic: v.topic, pin: v.pin, next_attempt_at: v.nextAttemptAt };
    });
    await db.execute(sql`insert into outbox (platform, target_kind, target_id, message, idempotency_key, topic, pin, next_attempt_at, created_at)
      select x.platform, x.target_kind, x.target_id, x.message, x.idempotency_key, x.topic, x.pin, x.next_attempt_at, ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${jsonRows(rows)}) as x(platform text, target_kind text, target_id text, message jsonb, idempotency_key text,
        topic text, pin integer, next_attempt_at timestamptz)
      on conflict do nothing`);
  }
}

/**
 * Queues an edit of a sent message. Edits of one message coalesce into one row: a newer edit
 * replaces the content of a pending one (and re-arms a sent one), so a burst of count updates
 * becomes a few edits, paced like any message.
 */
export async function enqueueEdit(db: Db, item: {
  platform: string; chatId: string; messageId: string; message: OutboundMessage; topic?: string;
}, now: Date): Promise<void> {
  await db.insert(outbox).values({
    platform: item.platform, targetKind: 'chat', targetId: item.chatId, op: 'edit', editMessageId: item.messageId,
    message: serializeMessage(item.message), idempotencyKey: `edit:${item.platform}:${item.chatId}:${item.messageId}`,
    topic: item.topic ?? null, nextAttemptAt: now, createdAt: now,
  }).onConflictDoUpdate({
    target: outbox.idempotencyKey,
    set: {
      message: sql`excluded.message`, state: 'pending', attempts: 0, claimToken: null, leaseUntil: null,
      nextAttemptAt: sql`least(${outbox.nextAttemptAt}, excluded.next_attempt_at)`,
    },
  });
}

/** Queues a pin of a sent message (once per message), e.g. after the platform refused it for a while. */
export async function enqueuePin(db: Db, item: { platform: string; ref: { chatId: string; messageId: string }; topic?: string | null; notBefore: Date }, now: Date): Promise<void> {
  await db.insert(outbox).values({
    platform: item.platform, targetKind: 'chat', targetId: item.ref.chatId, op: 'pin', editMessageId: item.ref.messageId,
    message: serializeMessage({ lang: DEFAULT_LANG, body: [] }), idempotencyKey: `pin:${item.platform}:${item.ref.chatId}:${item.ref.messageId}`,
    topic: item.topic ?? null, nextAttemptAt: item.notBefore, createdAt: now,
  }).onConflictDoNothing();
}

/** Messages of a topic that reached their chat, with the platform message id (to edit them later). */
export async function sentRefs(db: Db, topic: string): Promise<{ platform: string; chatId: string; messageId: string; lang: Lang }[]> {
  const rows = await db.select({ platform: outbox.platform, chatId: outbox.sentChatId, messageId: outbox.sentMessageId, message: outbox.message })
    .from(outbox).where(and(eq(outbox.topic, topic), eq(outbox.state, 'sent'), eq(outbox.op, 'send'))).orderBy(outbox.id);
  return rows.flatMap((r) => {
    const lang = (r.message as { lang?: unknown }).lang;
    return r.chatId && r.messageId
      ? [{ platform: r.platform, chatId: r.chatId, messageId: r.messageId, lang: isLang(lang) ? lang : DEFAULT_LANG }] : [];
  });
}

/** Where and in which language a person gets DMs: their first identity on the given platforms. */
export async function personTarget(db: Db, personId: number, platforms: string[], complexLang?: string | null) {
  const found = (await personTargets(db, [personId], platforms)).get(personId);
  return found ? { identity: found.identity, lang: found.lang(complexLang) } : null;
}

/** personTarget for many people in two statements (scheduler batches); the language given the complex's. */
export async function personTargets(db: Db, personIds: number[], platforms: string[]) {
  const out = new Map<number, { identity: typeof identities.$inferSelect; lang(complexLang?: string | null): Lang }>();
  if (platforms.length === 0 || personIds.length === 0) return out;
  const persons = await db.select().from(people).where(inArray(people.id, personIds));
  const ids = await db.select().from(identities).where(and(inArray(identities.personId, personIds), inArray(identities.platform, platforms)));
  for (const person of persons) {
    if (person.forgottenAt) continue;
    const identity = ids.filter((i) => i.personId === person.id)
      .sort((a, b) => platforms.indexOf(a.platform) - platforms.indexOf(b.platform))[0];
    if (!identity) continue;
    const platformLang = identity.platformLanguage?.slice(0, 2);
    out.set(person.id, { identity, lang: (complexLang) => (isLang(person.language) ? person.language : undefined)
      ?? (isLang(platformLang) ? platformLang : undefined) ?? (isLang(complexLang) ? complexLang : DEFAULT_LANG) });
  }
  return out;
}

/**
 * Queues a DM to a person on one of the given platforms, in their language (or the complex's).
 * Returns false when the person cannot be reached (forgotten, or no identity on those platforms).
 */
export async function enqueueToPerson(db: Db, opts: {
  personId: number; platforms: string[]; body: Msg[]; buttons?: Button[][]; key: string; topic?: string;
  complexLang?: string | null;
}, now: Date): Promise<boolean> {
  const target = await personTarget(db, opts.personId, opts.platforms, opts.complexLang);
  if (!target) return false;
  const { identity, lang } = target;
  await enqueue(db, {
    platform: identity.platform, to: { userId: identity.platformUserId }, key: opts.key,
    message: { lang, body: opts.body, ...(opts.buttons ? { buttons: opts.buttons } : {}) },
    ...(opts.topic ? { topic: opts.topic } : {}),
  }, now);
  return true;
}
