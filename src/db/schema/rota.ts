import { sql } from 'drizzle-orm';
import {
  boolean, check, date, foreignKey, index, integer, pgTable, primaryKey, real, serial, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { complexes, people } from './tenancy.js';

// Task rotas: tasks → occurrences (generated ahead) → slots (one per person needed) → claims.
// Capacity is structural: a claim must name an existing slot, and partial unique indexes allow one
// active claim per slot and one active claim per person per occurrence.

export const rotaTasks = pgTable('rota_tasks', {
  id: serial().primaryKey(),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  name: text().notNull(),
  area: text(),
  description: text(),
  /** Other words residents use for the task ("kliko", "vuilnis"), matched like the name. */
  aliases: text().array().notNull().default(sql`'{}'::text[]`),
  /** What the coordinator wrote ("elke zaterdag" or an RRULE), kept for export. */
  recurrence: text().notNull(),
  /** The normalised RFC 5545 rule expanded in the complex's time zone. */
  rrule: text().notNull(),
  /** Local date the rule counts from (matters for intervals: "every 2 weeks"). */
  anchorDate: date({ mode: 'string' }).notNull(),
  timeOfDay: text().notNull().default('10:00'),
  durationMinutes: integer().notNull().default(60),
  people: integer().notNull().default(1),
  points: integer().notNull().default(1),
  autoAssignHoursBefore: real(),
  paused: boolean().notNull().default(false),
  /** Place in the beheerplan file, so an export lists tasks in the order they were written. */
  position: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  uniqueIndex('rota_tasks_complex_name_uq').on(t.complexId, sql`lower(${t.name})`),
  check('rota_tasks_people_ck', sql`${t.people} between 1 and 20`),
]);

export const rotaOccurrences = pgTable('rota_occurrences', {
  id: serial().primaryKey(),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  taskId: integer().notNull().references(() => rotaTasks.id, { onDelete: 'cascade' }),
  dueAt: timestamp({ withTimezone: true }).notNull(),
  people: integer().notNull(),
  points: integer().notNull(),
  /** 'open' | 'done' | 'missed' */
  status: text().notNull().default('open'),
  doneAt: timestamp({ withTimezone: true }),
  missedBy: integer().references(() => people.id, { onDelete: 'set null' }),
}, (t) => [
  uniqueIndex('rota_occurrences_task_due_uq').on(t.taskId, t.dueAt),
  index('rota_occurrences_complex_due_idx').on(t.complexId, t.dueAt),
  // The scheduler's reminders read the turns of every complex due in a window.
  // (due_at, id): the scheduler reads a window's turns in pages by this key.
  index('rota_occurrences_due_idx').on(t.dueAt, t.id),
]);

export const rotaSlots = pgTable('rota_slots', {
  occurrenceId: integer().notNull().references(() => rotaOccurrences.id, { onDelete: 'cascade' }),
  slot: integer().notNull(),
}, (t) => [primaryKey({ columns: [t.occurrenceId, t.slot] })]);

export const rotaClaims = pgTable('rota_claims', {
  id: serial().primaryKey(),
  occurrenceId: integer().notNull(),
  slot: integer().notNull(),
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  claimedAt: timestamp({ withTimezone: true }).notNull(),
  /** Who made the claim when not the person themself (coordinator, auto-assign → null with auto). */
  assignedBy: integer().references(() => people.id, { onDelete: 'set null' }),
  auto: boolean().notNull().default(false),
  releasedAt: timestamp({ withTimezone: true }),
  doneAt: timestamp({ withTimezone: true }),
  minutes: integer(),
  note: text(),
}, (t) => [
  foreignKey({ columns: [t.occurrenceId, t.slot], foreignColumns: [rotaSlots.occurrenceId, rotaSlots.slot] }).onDelete('cascade'),
  uniqueIndex('rota_claims_active_slot_uq').on(t.occurrenceId, t.slot).where(sql`${t.releasedAt} is null`),
  uniqueIndex('rota_claims_active_person_uq').on(t.occurrenceId, t.personId).where(sql`${t.releasedAt} is null`),
  index('rota_claims_person_idx').on(t.personId),
]);

/** A give-away, swap or hand-over of one claim, accepted by someone else with a button. */
export const rotaOffers = pgTable('rota_offers', {
  id: serial().primaryKey(),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  claimId: integer().notNull().references(() => rotaClaims.id, { onDelete: 'cascade' }),
  /** 'giveaway' | 'swap' | 'handover' */
  kind: text().notNull(),
  fromPersonId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  toPersonId: integer().references(() => people.id, { onDelete: 'cascade' }),
  /** 'open' | 'accepted' | 'declined' | 'cancelled' */
  status: text().notNull().default('open'),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  closedAt: timestamp({ withTimezone: true }),
  acceptedBy: integer().references(() => people.id, { onDelete: 'set null' }),
}, (t) => [uniqueIndex('rota_offers_open_claim_uq').on(t.claimId).where(sql`${t.status} = 'open'`)]);

export const rotaAbsences = pgTable('rota_absences', {
  id: serial().primaryKey(),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  fromDate: date({ mode: 'string' }).notNull(),
  toDate: date({ mode: 'string' }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [index('rota_absences_complex_idx').on(t.complexId, t.toDate), check('rota_absences_order_ck', sql`${t.fromDate} <= ${t.toDate}`)]);

/** Per person per complex: opted in to automatic assignment. */
export const rotaPreferences = pgTable('rota_preferences', {
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  autoAssign: boolean().notNull().default(false),
}, (t) => [primaryKey({ columns: [t.complexId, t.personId] })]);

/** Unguessable calendar feed tokens: one per complex (personId null) and one per person per complex. */
export const rotaCalendarTokens = pgTable('rota_calendar_tokens', {
  token: text().primaryKey(),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  personId: integer().references(() => people.id, { onDelete: 'cascade' }),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('rota_calendar_owner_uq').on(t.complexId, sql`coalesce(${t.personId}, 0)`)]);
