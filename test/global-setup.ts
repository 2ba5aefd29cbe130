import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migratePostgresLocked } from '../src/db/client.js';
import { migratedPgliteTarball } from './support/pglite-dump.js';
import { buildBundle } from './support/bundle.js';
import { startEmbeddedPostgres, type RunningPostgres } from './support/pg-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbKind: 'postgres' | 'pglite';
    /** Server URL (database 'postgres') for creating per-file databases. */
    pgAdminUrl: string;
    /** Name of the migrated template database. */
    pgTemplate: string;
    /** A dump of a migrated PGlite data dir, loaded per test file ('' in the PostgreSQL run). */
    pgliteDump: string;
    /** The built bundle laid out like the image (test/support/bundle.ts): `<dir>/dist/src/main.js`. */
    bundleDir: string;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function migratedPgliteDump(): Promise<string> {
  const dumpPath = join(mkdtempSync(join(tmpdir(), 'zb-pglite-')), 'template.tar');
  writeFileSync(dumpPath, await migratedPgliteTarball());
  return dumpPath;
}

export default async function setup(project: TestProject) {
  const kind = process.env.TEST_DB === 'pglite' ? 'pglite' : 'postgres';
  project.provide('dbKind', kind);
  // The PGlite run loads a migrated dump per file; it is made while PostgreSQL (if any) starts. The PostgreSQL
  // run needs none: a test that asks for PGlite there makes one in its worker (test/support/db.ts).
  const pgliteDump = kind === 'pglite' ? migratedPgliteDump() : Promise.resolve('');
  // Built once for every test that runs what production runs, while the database starts.
  const bundle = buildBundle();
  const removeBundle = async () => {
    const dir = await bundle.catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  let server: RunningPostgres | undefined;
  const template = `zb_template_${process.pid}`;
  const postgresReady = kind === 'postgres' ? (async () => {
    if (!process.env.DATABASE_URL) server = await startEmbeddedPostgres();
    const adminUrl = server?.url ?? process.env.DATABASE_URL!;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${template}`);
    await admin.unsafe(`create database ${template}`);
    await admin.end();
    await migratePostgresLocked(withDatabase(adminUrl, template));
    return adminUrl;
  })() : Promise.resolve(undefined);
  const [dump, ready, built] = await Promise.allSettled([pgliteDump, postgresReady, bundle]);
  const failed = [dump, ready, built].find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed || dump.status === 'rejected' || ready.status === 'rejected' || built.status === 'rejected') {
    await server?.stop();
    await removeBundle();
    throw failed?.reason;
  }
  project.provide('pgliteDump', dump.value);
  project.provide('bundleDir', built.value);

  const adminUrl = ready.value;
  if (adminUrl) {
    project.provide('pgAdminUrl', adminUrl);
    project.provide('pgTemplate', template);
    return async () => {
      await removeBundle();
      if (server) await server.stop();
      else {
        const cleanup = postgres(adminUrl, { max: 1, onnotice: () => {} });
        const rows = await cleanup`select datname from pg_database where datname like ${`zb_t_${process.pid}_%`} or datname = ${template}`;
        for (const r of rows) await cleanup.unsafe(`drop database if exists "${String(r.datname)}" with (force)`);
        await cleanup.end();
      }
    };
  }
  project.provide('pgAdminUrl', '');
  project.provide('pgTemplate', '');
  return removeBundle;
}
