import {
  boolean, index, integer, pgTable, primaryKey, serial, text, timestamp,
} from 'drizzle-orm/pg-core';
import { complexes, corporations, people } from './tenancy.js';

/**
 * An announcement to every chat of one complex (coordinator) or of every complex of a corporation
 * (liaison). Sent by the scheduler at `sendAt` through the outbox (topic 'announcement:<id>').
 */
export const announcements = pgTable('announcements', {
  id: serial().primaryKey(),
  complexId: integer().references(() => complexes.id, { onDelete: 'cascade' }),
  corporationId: integer().references(() => corporations.id, { onDelete: 'cascade' }),
  authorPersonId: integer().references(() => people.id, { onDelete: 'set null' }),
  authorName: text().notNull(),
  text: text().notNull(),
  pin: boolean().notNull().default(false),
  askAck: boolean().notNull().default(true),
  sendAt: timestamp({ withTimezone: true }).notNull(),
  sentAt: timestamp({ withTimezone: true }),
  repingAfterHours: integer().notNull().default(48),
  repingedAt: timestamp({ withTimezone: true }),
  cancelledAt: timestamp({ withTimezone: true }),
  createdAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [index('announcements_send_idx').on(t.sendAt)]);

export const announcementAcks = pgTable('announcement_acks', {
  announcementId: integer().notNull().references(() => announcements.id, { onDelete: 'cascade' }),
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  at: timestamp({ withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.announcementId, t.personId] })]);
