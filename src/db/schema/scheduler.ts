import {
  bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { complexes } from './tenancy.js';

/**
 * Every scheduled effect, keyed uniquely (e.g. 'poll:open:3:2026-12-01'): two instances, a restart
 * or a repeated tick insert the same key and the unique index keeps one. A row is claimed with
 * SKIP LOCKED and run and marked done in one transaction, so it takes effect exactly once.
 * state: pending → done | skipped (missed rule) | failed (gave up after retries).
 */
export const scheduledEffects = pgTable('scheduled_effects', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  key: text().notNull(),
  kind: text().notNull(),
  complexId: integer(),
  dueAt: timestamp({ withTimezone: true }).notNull(),
  payload: jsonb().$type<Record<string, unknown>>().notNull(),
  state: text().notNull().default('pending'),
  /** 'on_time' | 'late' | 'skipped_stale' | 'skipped_obsolete' */
  outcome: text(),
  attempts: integer().notNull().default(0),
  notBefore: timestamp({ withTimezone: true }),
  lastError: text(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  doneAt: timestamp({ withTimezone: true }),
}, (t) => [
  uniqueIndex('scheduled_effects_key_uq').on(t.key),
  // (state, due_at, id): claiming the first due effects in planning order reads only those, not every effect due at that minute.
  index('scheduled_effects_due_idx').on(t.state, t.dueAt, t.id),
]);

/** Up to when each calendar-driven job kind has planned its effects (shared by all instances). */
export const schedulerCursors = pgTable('scheduler_cursors', {
  kind: text().primaryKey(),
  plannedUntil: timestamp({ withTimezone: true }).notNull(),
});

/** The beheerplan `reminders` section per complex (see src/scheduler/settings.ts for defaults). */
export const reminderSettings = pgTable('reminder_settings', {
  complexId: integer().primaryKey().references(() => complexes.id, { onDelete: 'cascade' }),
  settings: jsonb().$type<Record<string, number>>().notNull(),
});
