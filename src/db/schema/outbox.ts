import { sql } from 'drizzle-orm';
import {
  bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';

/**
 * The durable outbox: every outgoing message is a row before it is a network call, so a crash
 * never loses one and the idempotency key makes enqueueing it twice harmless.
 * state: pending → sending (leased to one worker) → sent | dead.
 */
export const outbox = pgTable('outbox', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  platform: text().notNull(),
  /** 'chat' (a platform chat id) or 'user' (a DM to a platform user id). */
  targetKind: text().notNull(),
  targetId: text().notNull(),
  /** 'send' a new message, or 'edit' the message in `editMessageId`. */
  op: text().notNull().default('send'),
  editMessageId: text(),
  /** The OutboundMessage as i18n keys, rendered by the adapter at send time. */
  message: jsonb().notNull(),
  pin: integer().notNull().default(0),
  idempotencyKey: text().notNull(),
  /** What the message belongs to (e.g. 'announcement:12'), to find its sent refs later. */
  topic: text(),
  state: text().notNull().default('pending'),
  attempts: integer().notNull().default(0),
  rateLimitedCount: integer().notNull().default(0),
  nextAttemptAt: timestamp({ withTimezone: true }).notNull(),
  leaseUntil: timestamp({ withTimezone: true }),
  /** Changes at every claim and re-arm, so a stale worker cannot overwrite a newer state. */
  claimToken: text(),
  lastError: text(),
  sentMessageId: text(),
  sentChatId: text(),
  sentAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [
  uniqueIndex('outbox_idempotency_uq').on(t.idempotencyKey),
  index('outbox_due_idx').on(t.nextAttemptAt).where(sql`state in ('pending', 'sending')`),
  index('outbox_target_idx').on(t.platform, t.targetKind, t.targetId, t.id).where(sql`state in ('pending', 'sending')`),
  index('outbox_topic_idx').on(t.topic),
]);

/**
 * Pacing state shared by every instance: the recent send times per key ('global' or a chat),
 * a sliding log of at most `limit` entries, and a block set by a 429's retry_after.
 */
export const outboxPace = pgTable('outbox_pace', {
  platform: text().notNull(),
  key: text().notNull(),
  recent: jsonb().$type<number[]>().notNull().default(sql`'[]'::jsonb`),
  blockedUntil: timestamp({ withTimezone: true }),
}, (t) => [uniqueIndex('outbox_pace_uq').on(t.platform, t.key)]);
