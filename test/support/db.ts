import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { migratedPgliteTarball } from './pglite-dump.js';

export interface TestDatabase extends Database {
  /** Connection URL when on PostgreSQL (for a second "instance"), else undefined. */
  url?: string;
}

let counter = 0;

/**
 * A fresh, migrated database for one test file: a copy of the migrated template on the
 * shared PostgreSQL server (or PGlite when TEST_DB=pglite / `kind: 'pglite'`).
 */
export async function testDatabase(opts: {
  kind?: 'postgres' | 'pglite'; maxConnections?: number; onQuery?: (statement: string) => void;
  onSocket?: (socket: Socket) => void;
} = {}): Promise<TestDatabase> {
  const kind = opts.kind ?? inject('dbKind');
  if (kind === 'pglite') return pgliteDatabase();
  const adminUrl = inject('pgAdminUrl');
  const name = `zb_t_${inject('pgTemplate').split('_').pop()}_${process.pid}_${++counter}_${randomBytes(3).toString('hex')}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.unsafe(`create database ${name} template ${inject('pgTemplate')}`);
      break;
    } catch (err) {
      // Another file copying the template at the same instant: try again shortly.
      if (attempt > 20) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 150));
    }
  }
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const database = await openDatabase({ databaseUrl: url, migrate: false, ...(opts.onSocket ? { onSocket: opts.onSocket } : {}), maxConnections: opts.maxConnections ?? 20, onQuery: opts.onQuery });
  return {
    ...database, url,
    async close() {
      await database.close();
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      await dropper.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
      await dropper.end();
    },
  };
}

/** Made once per worker when the global set-up made none (the PostgreSQL run). */
let workerDump: Promise<Buffer> | undefined;

export async function pgliteDatabase(): Promise<TestDatabase> {
  const path = inject('pgliteDump');
  const dump = path ? readFileSync(path) : await (workerDump ??= migratedPgliteTarball());
  const pg = await PGlite.create({ loadDataDir: new Blob([dump]) });
  return openDatabase({ pglite: pg, migrate: false });
}

/** Runs `n` calls at once and returns all outcomes (fulfilled or rejected). */
export async function inParallel<T>(n: number, call: (i: number) => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  return Promise.allSettled(Array.from({ length: n }, (_, i) => call(i)));
}

/**
 * A second instance of the same database: a second connection pool to the same PostgreSQL (on PGlite,
 * which has one connection, the same handle: unique keys are still exercised, true concurrency is not).
 */
export async function secondInstance(database: TestDatabase): Promise<Database> {
  return database.url ? openDatabase({ databaseUrl: database.url, migrate: false, maxConnections: 5 }) : database;
}
