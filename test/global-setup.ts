import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { migratePostgresLocked, migrationsFolder } from '../src/db/client.js';
import { startEmbeddedPostgres, type RunningPostgres } from './support/pg-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbKind: 'postgres' | 'pglite';
    /** Server URL (database 'postgres') for creating per-file databases. */
    pgAdminUrl: string;
    /** Name of the migrated template database. */
    pgTemplate: string;
    /** A dump of a migrated PGlite data dir, loaded per test file. */
    pgliteDump: string;
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const kind = process.env.TEST_DB === 'pglite' ? 'pglite' : 'postgres';
  project.provide('dbKind', kind);
  let server: RunningPostgres | undefined;
  // PGlite dump: always made, since some tests use PGlite on purpose (e.g. the console adapter).
  const pg = await PGlite.create();
  await migrate(drizzle(pg, { casing: 'snake_case' }), { migrationsFolder });
  const dump = await pg.dumpDataDir('none');
  await pg.close();
  const dumpPath = join(mkdtempSync(join(tmpdir(), 'zb-pglite-')), 'template.tar');
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteDump', dumpPath);

  if (kind === 'postgres') {
    let adminUrl = process.env.DATABASE_URL;
    if (!adminUrl) {
      server = await startEmbeddedPostgres();
      adminUrl = server.url;
    }
    const template = `zb_template_${process.pid}`;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${template}`);
    await admin.unsafe(`create database ${template}`);
    await admin.end();
    await migratePostgresLocked(withDatabase(adminUrl, template));
    project.provide('pgAdminUrl', adminUrl);
    project.provide('pgTemplate', template);
    return async () => {
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
  return async () => {};
}
