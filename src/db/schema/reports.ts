import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';
import { chats, complexes, corporations, people } from './tenancy.js';

// Reports (meldingen): a problem in a complex, its "me too"s, its audited history, and the
// unfinished conversations around it (a report being drafted, a question waiting for an answer).

export const reports = pgTable('reports', {
  id: serial().primaryKey(),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  /** Short number per complex (#1, #2, …), what people type in /melding 3. */
  number: integer().notNull(),
  reporterPersonId: integer().references(() => people.id, { onDelete: 'set null' }),
  text: text().notNull(),
  category: text().notNull(),
  location: text(),
  /** The platform's own file reference (kept, not downloaded), re-sent on escalation. */
  photoFileId: text(),
  photoPlatform: text(),
  /** 'public' (posted in the group) | 'private' (reporter, coordinators, and the liaison after escalation). */
  visibility: text().notNull(),
  /** 'group' | 'direct' | 'poll' | 'loan' */
  source: text().notNull(),
  /** See src/reports/rules.ts: new | acknowledged | in_progress | escalated | rejected | resolved | closed. */
  state: text().notNull().default('new'),
  /** 'group' while residents handle it; 'corporation' once escalated to the liaison. */
  heldBy: text().notNull().default('group'),
  assigneePersonId: integer().references(() => people.id, { onDelete: 'set null' }),
  /** The group chat it was reported in (public notices go to all chats of the complex). */
  originChatId: integer().references(() => chats.id, { onDelete: 'set null' }),
  meToo: integer().notNull().default(0),
  /** Bumped when a report is reopened or escalated again: scheduled notices are keyed per round. */
  round: integer().notNull().default(0),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  acknowledgedAt: timestamp({ withTimezone: true }),
  escalatedAt: timestamp({ withTimezone: true }),
  /** The corporation's liaison acknowledged the escalated report. */
  liaisonAcknowledgedAt: timestamp({ withTimezone: true }),
  resolvedAt: timestamp({ withTimezone: true }),
  closedAt: timestamp({ withTimezone: true }),
  /** Waiting for the reporter's answer to the liaison's question: the SLA clock is paused. */
  waitingSince: timestamp({ withTimezone: true }),
  /** Clock time (ms) the SLA clock was paused in this round. */
  pausedMs: bigint({ mode: 'number' }).notNull().default(0),
  note: text(),
}, (t) => [
  uniqueIndex('reports_complex_number_uq').on(t.complexId, t.number),
  index('reports_open_idx').on(t.complexId).where(sql`state <> 'closed'`),
]);

/** One "me too" per person per report. */
export const reportMeToo = pgTable('report_me_too', {
  reportId: integer().notNull().references(() => reports.id, { onDelete: 'cascade' }),
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  at: timestamp({ withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.reportId, t.personId] })]);

/** The audit trail: who moved a report from which state to which, when, with what note. */
export const reportEvents = pgTable('report_events', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  reportId: integer().notNull().references(() => reports.id, { onDelete: 'cascade' }),
  at: timestamp({ withTimezone: true }).notNull(),
  actorPersonId: integer().references(() => people.id, { onDelete: 'set null' }),
  /** 'reporter' | 'resident' | 'coordinator' | 'liaison' | 'system' */
  actorRole: text().notNull(),
  action: text().notNull(),
  fromState: text().notNull(),
  toState: text().notNull(),
  note: text(),
}, (t) => [index('report_events_report_idx').on(t.reportId, t.at)]);

/**
 * A report being put together in a conversation: the bot asks for what is missing (text, category,
 * location, public or private). One per person per chat; `chatKey` is 'platform:chatId' or 'direct'.
 */
export const reportDrafts = pgTable('report_drafts', {
  id: serial().primaryKey(),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  chatKey: text().notNull(),
  originChatId: integer().references(() => chats.id, { onDelete: 'set null' }),
  text: text(),
  photoFileId: text(),
  photoPlatform: text(),
  category: text(),
  location: text(),
  visibility: text(),
  /** Likely duplicates were offered (or there were none). */
  duplicatesChecked: boolean().notNull().default(false),
  /** What the bot asked last: 'text' | 'duplicate' | 'category' | 'location' | 'visibility'. */
  awaiting: text().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [uniqueIndex('report_drafts_person_chat_uq').on(t.personId, t.chatKey)]);

/**
 * A question the bot asked one person about a report, answered by their next message in that chat:
 * a reason to reject, a note when resolving, the liaison's question, the reporter's answer.
 */
export const reportPrompts = pgTable('report_prompts', {
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  chatKey: text().notNull(),
  reportId: integer().notNull().references(() => reports.id, { onDelete: 'cascade' }),
  /** 'reject' | 'resolve' | 'ask' | 'answer' */
  kind: text().notNull(),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
}, (t) => [primaryKey({ columns: [t.personId, t.chatKey] })]);

/** The complex's report settings from the beheerplan (`categories` and `escalation` sections). */
export const reportSettings = pgTable('report_settings', {
  complexId: integer().primaryKey().references(() => complexes.id, { onDelete: 'cascade' }),
  categories: jsonb().notNull().default(sql`'[]'::jsonb`),
  escalation: jsonb(),
});

/**
 * A corporation's own system that takes maintenance requests in the Aedes VERA standard (OHD):
 * where to post them and the OAuth2 client credentials to do so. Set by the operator
 * (npm run admin -- vera set …); the secret is never logged or printed.
 */
export const veraEndpoints = pgTable('vera_endpoints', {
  corporationId: integer().primaryKey().references(() => corporations.id, { onDelete: 'cascade' }),
  /** The API's base URL, e.g. https://ohd.example.nl/v4 (paths like /onderhoudsverzoeken are appended). */
  baseUrl: text().notNull(),
  tokenUrl: text().notNull(),
  clientId: text().notNull(),
  clientSecret: text().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * One escalated report handed off to the corporation's system, durably: 'pending' until the
 * Onderhoudsverzoek is created (retried with back-off), then 'sent' while its status is followed
 * (polled), 'done' once final, 'failed' when it cannot be delivered. `step` grows with every
 * attempt or poll, so each becomes one scheduled effect.
 */
export const veraHandoffs = pgTable('vera_handoffs', {
  id: serial().primaryKey(),
  reportId: integer().notNull().references(() => reports.id, { onDelete: 'cascade' }),
  corporationId: integer().notNull().references(() => corporations.id, { onDelete: 'cascade' }),
  /** Our key for the verzoek (idExtern): finds it again when a POST's answer was lost. */
  idExtern: text().notNull(),
  /** 'pending' | 'sent' | 'done' | 'failed' */
  state: text().notNull().default('pending'),
  step: integer().notNull().default(0),
  /** Failed attempts in a row (reset by a success). */
  attempts: integer().notNull().default(0),
  nextAt: timestamp({ withTimezone: true }).notNull(),
  /** The verzoek's id in the corporation's system. */
  verzoekId: text(),
  /** The last ONDERHOUDSVERZOEKSTATUS code seen (REG, INB, TEC, …). */
  lastStatus: text(),
  lastError: text(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
  sentAt: timestamp({ withTimezone: true }),
}, (t) => [
  uniqueIndex('vera_handoffs_id_extern_uq').on(t.idExtern),
  index('vera_handoffs_due_idx').on(t.nextAt).where(sql`state in ('pending', 'sent')`),
]);

/**
 * The SLA a corporation promises, per category ('*': every category without its own row): hours
 * to acknowledge and to resolve an escalated report, and — on the '*' row — the working hours that
 * count. Set by the operator (npm run admin -- sla …); it goes before the complex's beheerplan.
 */
export const corporationSla = pgTable('corporation_sla', {
  corporationId: integer().notNull().references(() => corporations.id, { onDelete: 'cascade' }),
  category: text().notNull(),
  acknowledgeHours: integer().notNull(),
  resolveHours: integer().notNull(),
  businessStart: text(),
  businessEnd: text(),
}, (t) => [primaryKey({ columns: [t.corporationId, t.category] })]);
