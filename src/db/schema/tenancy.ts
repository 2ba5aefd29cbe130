import { sql } from 'drizzle-orm';
import {
  bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';

// Tenancy: corporation → complexes → chats; people with platform identities and roles.
// Nothing of one complex is ever visible in another: every capability table carries complex_id.

export const corporations = pgTable('corporations', {
  id: serial().primaryKey(),
  name: text().notNull(),
  /** Hourly rate (in cents) used to value residents' hours in reports. */
  hourlyRateCents: integer().notNull().default(3500),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const complexes = pgTable('complexes', {
  id: serial().primaryKey(),
  /** Null for a self-organised complex that registered itself from a group. */
  corporationId: integer().references(() => corporations.id),
  name: text().notNull(),
  timezone: text().notNull().default('Europe/Amsterdam'),
  language: text().notNull().default('nl'),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const chats = pgTable('chats', {
  id: serial().primaryKey(),
  platform: text().notNull(),
  platformChatId: text().notNull(),
  /** 'complex' chats belong to a complex; 'liaison' chats to a corporation. */
  purpose: text().notNull().default('complex'),
  complexId: integer().references(() => complexes.id),
  corporationId: integer().references(() => corporations.id),
  title: text(),
  linkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('chats_platform_chat_uq').on(t.platform, t.platformChatId)]);

export const people = pgTable('people', {
  id: serial().primaryKey(),
  displayName: text().notNull(),
  /** Chosen language; null means "follow the platform, then the complex". */
  language: text(),
  unit: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  forgottenAt: timestamp({ withTimezone: true }),
});

export const identities = pgTable('identities', {
  id: serial().primaryKey(),
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  platform: text().notNull(),
  platformUserId: text().notNull(),
  username: text(),
  displayName: text().notNull(),
  platformLanguage: text(),
}, (t) => [
  uniqueIndex('identities_platform_user_uq').on(t.platform, t.platformUserId),
  index('identities_person_idx').on(t.personId),
]);

export const complexMembers = pgTable('complex_members', {
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  /** 'resident' | 'coordinator' */
  role: text().notNull().default('resident'),
  joinedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.complexId, t.personId] })]);

export const corporationRoles = pgTable('corporation_roles', {
  corporationId: integer().notNull().references(() => corporations.id, { onDelete: 'cascade' }),
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  /** 'liaison' */
  role: text().notNull().default('liaison'),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.corporationId, t.personId] })]);

export const joinCodes = pgTable('join_codes', {
  code: text().primaryKey(),
  /** 'complex' links a group to complexId; 'liaison' links a chat to corporationId. */
  purpose: text().notNull(),
  complexId: integer().references(() => complexes.id, { onDelete: 'cascade' }),
  corporationId: integer().references(() => corporations.id, { onDelete: 'cascade' }),
  usesLeft: integer().notNull().default(1),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastUsedAt: timestamp({ withTimezone: true }),
});

/** One-time codes to link a second platform identity to the same person. */
export const identityLinkCodes = pgTable('identity_link_codes', {
  code: text().primaryKey(),
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});

/**
 * Tries of a join code (/koppel) or account-link code (/koppelaccount), to limit guessing per person and
 * per chat. outcome: 'invalid' (counts towards the limit) | 'ok' | 'refused' (made while limited; not counted).
 */
export const codeAttempts = pgTable('code_attempts', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  /** 'join' | 'link' */
  kind: text().notNull(),
  personId: integer().notNull().references(() => people.id, { onDelete: 'cascade' }),
  /** platform:chatId of the chat the code was typed in. */
  chatKey: text().notNull(),
  outcome: text().notNull(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [
  index('code_attempts_person_idx').on(t.personId, t.at),
  index('code_attempts_chat_idx').on(t.chatKey, t.at),
]);

/** Inbound update ids already handled, so a redelivered update has no second effect. */
export const processedUpdates = pgTable('processed_updates', {
  platform: text().notNull(),
  updateId: text().notNull(),
  processedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.platform, t.updateId] })]);

/**
 * Updates taken from a platform that confirms what it handed out (Telegram's getUpdates offset) and
 * not yet handled: the offset moves on as soon as they are stored here, so a slow chat never holds
 * up the next batch, and after a crash or a database outage they are handled from here.
 */
export const inboundUpdates = pgTable('inbound_updates', {
  platform: text().notNull(),
  updateId: bigint({ mode: 'number' }).notNull(),
  payload: jsonb().notNull(),
  receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.platform, t.updateId] })]);

export const auditLog = pgTable('audit_log', {
  id: bigserial({ mode: 'number' }).primaryKey(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  complexId: integer().references(() => complexes.id, { onDelete: 'set null' }),
  corporationId: integer().references(() => corporations.id, { onDelete: 'set null' }),
  actorPersonId: integer().references(() => people.id, { onDelete: 'set null' }),
  action: text().notNull(),
  data: jsonb().notNull().default(sql`'{}'::jsonb`),
}, (t) => [index('audit_log_complex_idx').on(t.complexId, t.at)]);

/** Buttons whose state is too long for a platform's callback limit keep it here behind a short id. */
export const pendingActions = pgTable('pending_actions', {
  id: text().primaryKey(),
  complexId: integer().references(() => complexes.id, { onDelete: 'cascade' }),
  personId: integer().references(() => people.id, { onDelete: 'cascade' }),
  action: text().notNull(),
  payload: jsonb().notNull(),
  used: boolean().notNull().default(false),
  expiresAt: timestamp({ withTimezone: true }).notNull(),
});
