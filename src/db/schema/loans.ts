import { sql } from 'drizzle-orm';
import {
  boolean, check, index, integer, pgTable, real, serial, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { rotaOccurrences } from './rota.js';
import { complexes, people } from './tenancy.js';

// Keys, tools and supplies lent between residents. An item has at most one open loan (partial unique
// index); every change to an item's loans, reservations and waitlist first locks the item row
// (`SELECT … FOR UPDATE`), so overlapping reservations and double check-outs cannot slip in.

export const loanItems = pgTable('loan_items', {
  id: serial().primaryKey(),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  /** 'key' | 'tool' | 'supply' */
  kind: text().notNull().default('tool'),
  name: text().notNull(),
  aliases: text().array().notNull().default(sql`'{}'::text[]`),
  location: text(),
  loanHours: real().notNull().default(24),
  needsApproval: boolean().notNull().default(false),
  /** Stored condition: 'ok' | 'repair' | 'lost'. Out and reserved follow from loans and reservations. */
  condition: text().notNull().default('ok'),
  conditionNote: text(),
  /** Unguessable token of the item's QR sticker (rotating it voids printed stickers). */
  stickerToken: text().notNull(),
  position: integer().notNull().default(0),
  /** Removed from the beheerplan or by a coordinator: hidden, history kept. */
  archivedAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('loan_items_complex_name_uq').on(t.complexId, sql`lower(${t.name})`),
  uniqueIndex('loan_items_sticker_uq').on(t.stickerToken),
  check('loan_items_hours_ck', sql`${t.loanHours} > 0`),
]);

export const loans = pgTable('loans', {
  id: serial().primaryKey(),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  itemId: integer().notNull().references(() => loanItems.id, { onDelete: 'cascade' }),
  borrowerPersonId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  outAt: timestamp({ withTimezone: true }).notNull(),
  dueAt: timestamp({ withTimezone: true }).notNull(),
  /** The rota turn the item was borrowed for (the mower for the garden turn). */
  occurrenceId: integer().references(() => rotaOccurrences.id, { onDelete: 'set null' }),
  approvedBy: integer().references(() => people.id, { onDelete: 'set null' }),
  renewals: integer().notNull().default(0),
  /** A hand-over the holder offered and the recipient has not yet confirmed. */
  handoverTo: integer().references(() => people.id, { onDelete: 'set null' }),
  returnedAt: timestamp({ withTimezone: true }),
  /** 'ok' | 'attention' | 'broken' | 'handed_over' */
  returnCondition: text(),
  returnNote: text(),
  /** Who recorded the return when not the holder (a coordinator's forced return). */
  returnedBy: integer().references(() => people.id, { onDelete: 'set null' }),
}, (t) => [
  uniqueIndex('loans_one_open_per_item_uq').on(t.itemId).where(sql`${t.returnedAt} is null`),
  index('loans_borrower_idx').on(t.borrowerPersonId),
  index('loans_open_due_idx').on(t.dueAt).where(sql`${t.returnedAt} is null`),
]);

/** Loans of items that need a coordinator's approval wait here until one decides. */
export const loanRequests = pgTable('loan_requests', {
  id: serial().primaryKey(),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  itemId: integer().notNull().references(() => loanItems.id, { onDelete: 'cascade' }),
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  dueAt: timestamp({ withTimezone: true }).notNull(),
  requestedAt: timestamp({ withTimezone: true }).notNull(),
  /** 'approved' | 'refused' | 'withdrawn'; null while waiting. */
  decision: text(),
  decidedBy: integer().references(() => people.id, { onDelete: 'set null' }),
  decidedAt: timestamp({ withTimezone: true }),
}, (t) => [
  uniqueIndex('loan_requests_one_open_uq').on(t.itemId, t.personId).where(sql`${t.decision} is null`),
]);

export const loanReservations = pgTable('loan_reservations', {
  id: serial().primaryKey(),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  itemId: integer().notNull().references(() => loanItems.id, { onDelete: 'cascade' }),
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  startsAt: timestamp({ withTimezone: true }).notNull(),
  endsAt: timestamp({ withTimezone: true }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  cancelledAt: timestamp({ withTimezone: true }),
}, (t) => [
  index('loan_reservations_item_idx').on(t.itemId, t.startsAt),
  check('loan_reservations_window_ck', sql`${t.endsAt} > ${t.startsAt}`),
]);

/** "Tell me when it is back": first in line gets a short hold when the item returns. */
export const loanWaitlist = pgTable('loan_waitlist', {
  id: serial().primaryKey(),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  itemId: integer().notNull().references(() => loanItems.id, { onDelete: 'cascade' }),
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  /** Set when the item came back and this person was told; the hold lasts until holdUntil. */
  notifiedAt: timestamp({ withTimezone: true }),
  holdUntil: timestamp({ withTimezone: true }),
  /** Borrowed, left, or the hold passed. */
  doneAt: timestamp({ withTimezone: true }),
}, (t) => [
  uniqueIndex('loan_waitlist_active_uq').on(t.itemId, t.personId).where(sql`${t.doneAt} is null`),
]);
