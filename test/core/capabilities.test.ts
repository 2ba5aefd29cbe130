import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capabilities } from '../../src/capabilities.js';
import { mergeRules, planSections } from '../../src/capability.js';
import { catalogue } from '../../src/i18n/index.js';
import { consoleMessages } from '../../src/i18n/messages/console.js';
import { telegram } from '../../src/i18n/messages/telegram.js';
import { discord } from '../../src/i18n/messages/discord-adapter.js';
import { SECTION_NAMES } from '../../src/beheerplan/schema.js';
import { testDatabase, type TestDatabase } from '../support/db.js';

describe('one capability list', () => {
  let database: TestDatabase;
  beforeAll(async () => { database = await testDatabase(); });
  afterAll(async () => { await database.close(); });

  it('every column that refers to a person is moved by exactly one merge rule when two accounts are linked', async () => {
    const result = await database.db.execute<{ col: string }>(sql`
      select kcu.table_name || '.' || kcu.column_name as col
      from information_schema.referential_constraints rc
      join information_schema.key_column_usage kcu on kcu.constraint_name = rc.constraint_name and kcu.constraint_schema = rc.constraint_schema
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = rc.unique_constraint_name
        and ccu.constraint_schema = rc.unique_constraint_schema
      where ccu.table_name = 'people' and ccu.column_name = 'id' and kcu.table_schema = 'public'
      order by 1`);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { col: string }[];
    const personColumns = rows.map((r) => r.col);
    expect(personColumns.length).toBeGreaterThan(10);
    const covered = mergeRules(capabilities).flatMap((r) => r.columns);
    const uncovered = personColumns.filter((c) => !covered.includes(c));
    expect(uncovered, 'person columns without a merge rule (their rows would be lost when accounts are linked)').toEqual([]);
    expect(covered.filter((c, i) => covered.indexOf(c) !== i), 'columns claimed by two merge rules').toEqual([]);
    expect(covered.filter((c) => !personColumns.includes(c)), 'merge rules naming columns that do not exist').toEqual([]);
  });

  it('every message key belongs to one capability (or to an adapter), and every capability message is in the catalogue', () => {
    const owned = capabilities.flatMap((c) => (c.messages ?? []).flatMap((m) => Object.keys(m)));
    const adapters = [...Object.keys(consoleMessages), ...Object.keys(telegram), ...Object.keys(discord)];
    expect(owned.filter((k, i) => owned.indexOf(k) !== i), 'keys in two capabilities').toEqual([]);
    const all = Object.keys(catalogue);
    expect(all.filter((k) => !owned.includes(k) && !adapters.includes(k)), 'catalogue keys no capability declares').toEqual([]);
    expect(owned.filter((k) => !all.includes(k))).toEqual([]);
  });

  it('names are unique and each beheerplan section has at most one owner', () => {
    const names = capabilities.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    const owners = planSections(capabilities);
    for (const section of owners.keys()) expect(SECTION_NAMES).toContain(section);
    expect([...owners.keys()].sort()).toEqual(['categories', 'escalation', 'items', 'polls', 'reminders', 'tasks']);
  });

  it('commands, buttons and admin commands do not collide between capabilities', () => {
    const commandNames = capabilities.flatMap((c) => (c.commands ?? []).flatMap((d) => [...new Set([...d.names.nl, ...d.names.en])]));
    expect(commandNames.filter((n, i) => commandNames.indexOf(n) !== i)).toEqual([]);
    const prefixes = capabilities.flatMap((c) => (c.buttons ?? []).map((b) => b.prefix));
    expect(prefixes.filter((p, i) => prefixes.indexOf(p) !== i)).toEqual([]);
    const admin = capabilities.flatMap((c) => (c.admin ?? []).map((a) => a.name));
    expect(admin.filter((p, i) => admin.indexOf(p) !== i)).toEqual([]);
  });
});
