import { sql } from 'drizzle-orm';
import {
  boolean, index, integer, jsonb, pgTable, primaryKey, real, serial, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { chats, complexes, people } from './tenancy.js';

/** A quality-evaluation poll a complex runs on a schedule or after each occurrence of a task. */
export const pollDefinitions = pgTable('poll_definitions', {
  id: serial().primaryKey(),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  name: text().notNull(),
  question: text().notNull(),
  options: jsonb().$type<string[]>().notNull(),
  area: text(),
  schedule: text(),
  afterTask: text(),
  /** HH:MM local time of the complex. */
  time: text().notNull().default('10:00'),
  windowHours: real().notNull().default(72),
  threshold: real(),
  active: boolean().notNull().default(true),
  createdAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('poll_definitions_name_uq').on(t.complexId, t.name)]);

/** One run of a poll for one period ('2026-12-01' or 'occ:<id>'), posted to every chat of the complex. */
export const pollInstances = pgTable('poll_instances', {
  id: serial().primaryKey(),
  definitionId: integer().notNull().references(() => pollDefinitions.id, { onDelete: 'cascade' }),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  period: text().notNull(),
  area: text(),
  question: text().notNull(),
  options: jsonb().$type<string[]>().notNull(),
  openedAt: timestamp({ withTimezone: true }).notNull(),
  closesAt: timestamp({ withTimezone: true }).notNull(),
  closedAt: timestamp({ withTimezone: true }),
  voteCount: integer(),
  /** Mean score with options scored 1..n. */
  average: real(),
  counts: jsonb().$type<number[]>(),
}, (t) => [
  uniqueIndex('poll_instances_period_uq').on(t.definitionId, t.period),
  index('poll_instances_area_idx').on(t.complexId, t.area, t.openedAt),
  // Open polls by closing time: the scheduler's close and reminder planning read only these, in pages by this key.
  index('poll_instances_open_closes_idx').on(t.closesAt, t.id).where(sql`${t.closedAt} is null`),
]);

/** Where an instance was posted: a native platform poll (platformPollId) or a message with buttons. */
export const pollPosts = pgTable('poll_posts', {
  id: serial().primaryKey(),
  instanceId: integer().notNull().references(() => pollInstances.id, { onDelete: 'cascade' }),
  chatId: integer().notNull().references(() => chats.id, { onDelete: 'cascade' }),
  platform: text().notNull(),
  platformChatId: text().notNull(),
  messageId: text().notNull(),
  platformPollId: text(),
}, (t) => [
  uniqueIndex('poll_posts_chat_uq').on(t.instanceId, t.chatId),
  index('poll_posts_native_idx').on(t.platform, t.platformPollId),
]);

/** One vote per person per instance; changing it overwrites it until the poll closes. */
export const pollVotes = pgTable('poll_votes', {
  instanceId: integer().notNull().references(() => pollInstances.id, { onDelete: 'cascade' }),
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  optionIndex: integer().notNull(),
  votedAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.instanceId, t.personId] })]);

/**
 * A low quality score for the coordinators. Stands in for a report until the reports capability
 * exists; it can then open a report from this row.
 */
export const qualityAlerts = pgTable('quality_alerts', {
  id: serial().primaryKey(),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  instanceId: integer().notNull().references(() => pollInstances.id, { onDelete: 'cascade' }),
  area: text(),
  average: real().notNull(),
  threshold: real().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('quality_alerts_instance_uq').on(t.instanceId)]);
