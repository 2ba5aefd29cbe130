import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { migrationsFolder, openDatabase, type Database } from '../../src/db/client.js';
import { people } from '../../src/db/schema/index.js';

const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
const EXPECTED_TABLES = ['audit_log', 'chats', 'complex_members', 'complexes', 'corporation_roles', 'corporations',
  'identities', 'identity_link_codes', 'join_codes', 'pending_actions', 'people', 'processed_updates'];

/** Raw rows from either driver: postgres.js returns an array, PGlite a `{ rows }` result. */
async function query<T>(database: Database, statement: ReturnType<typeof sql>): Promise<T[]> {
  const result: unknown = await database.db.execute(statement);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

async function publicTables(database: Database): Promise<string[]> {
  const rows = await query<{ name: string }>(database,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' order by 1`);
  return rows.map((r) => r.name);
}

async function appliedMigrations(database: Database): Promise<number> {
  const [row] = await query<{ n: number }>(database, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return Number(row!.n);
}

describe('migrations on an empty PGlite data directory (the default of npm start)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zb-mig-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('migrate a fresh directory, and a restart on the same directory is a no-op', async () => {
    const first = await openDatabase({ dataDir: dir });
    expect(first.kind).toBe('pglite');
    expect(await publicTables(first)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
    expect(await appliedMigrations(first)).toBe(journal.entries.length);
    await first.db.insert(people).values({ displayName: 'Anna' });
    await first.close();

    const again = await openDatabase({ dataDir: dir });
    expect(await appliedMigrations(again)).toBe(journal.entries.length);
    expect((await again.db.select().from(people)).map((p) => p.displayName)).toEqual(['Anna']);
    await again.close();
  }, 90_000); // PGlite's initdb of a fresh directory alone takes 5-15 s on a busy two-core machine
});

// PostgreSQL itself is only there in the PostgreSQL run (npm test); the PGlite run has no server.
if (inject('dbKind') === 'postgres') {
  describe('migrations on an empty PostgreSQL database (the DATABASE_URL start-up path)', () => {
    const adminUrl = inject('pgAdminUrl');
    const created: string[] = [];
    const open: Database[] = [];

    async function emptyDatabase(): Promise<string> {
      // Named like the harness's databases, so the global teardown drops any a crashed run leaves.
      const name = `zb_t_${inject('pgTemplate').split('_').pop()}_${process.pid}_mig_${randomBytes(4).toString('hex')}`;
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      created.push(name);
      const u = new URL(adminUrl);
      u.pathname = `/${name}`;
      return u.toString();
    }

    async function start(databaseUrl: string): Promise<Database> {
      const database = await openDatabase({ databaseUrl, maxConnections: 2 });
      open.push(database);
      return database;
    }

    afterAll(async () => {
      for (const d of open) await d.close();
      const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
      for (const name of created) await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    });

    it('openDatabase migrates a fresh empty database', async () => {
      const database = await start(await emptyDatabase());
      expect(database.kind).toBe('postgres');
      expect(await publicTables(database)).toEqual(expect.arrayContaining(EXPECTED_TABLES));
      expect(await appliedMigrations(database)).toBe(journal.entries.length);
    });

    it('several instances starting at the same instant all come up; the schema is there exactly once', async () => {
      const url = await emptyDatabase();
      const instances = await Promise.allSettled(Array.from({ length: 4 }, () => start(url)));
      expect(instances.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
      const [one] = instances.map((r) => (r as PromiseFulfilledResult<Database>).value);
      expect(await appliedMigrations(one!)).toBe(journal.entries.length);
      const [peopleTables] = await query<{ n: number }>(one!,
        sql`select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
            where s.nspname = 'public' and c.relname = 'people' and c.relkind = 'r'`);
      expect(Number(peopleTables!.n)).toBe(1);

      // Every instance really works against the shared schema.
      await Promise.all(instances.map((r, i) =>
        (r as PromiseFulfilledResult<Database>).value.db.insert(people).values({ displayName: `instance ${i}` })));
      expect(await one!.db.$count(people)).toBe(4);

      // A restart finds nothing to do and keeps the data.
      const restarted = await start(url);
      expect(await appliedMigrations(restarted)).toBe(journal.entries.length);
      expect(await restarted.db.$count(people)).toBe(4);
    });
  });
}
