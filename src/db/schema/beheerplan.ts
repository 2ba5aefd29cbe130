import { index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { complexes, people } from './tenancy.js';

/** Every imported beheerplan, newest last: the source of export for sections no capability owns yet. */
export const beheerplanVersions = pgTable('beheerplan_versions', {
  id: serial().primaryKey(),
  complexId: integer().notNull().references(() => complexes.id, { onDelete: 'cascade' }),
  document: jsonb().notNull(),
  format: text().notNull(),
  importedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  importedBy: integer().references(() => people.id, { onDelete: 'set null' }),
}, (t) => [index('beheerplan_versions_complex_idx').on(t.complexId, t.id)]);
