import { openDatabase, migratePostgresLocked, type Database } from '../../src/db/client.js';
import { startEmbeddedPostgres } from '../support/pg-server.js';

/** A throwaway PostgreSQL (or DATABASE_URL's server) with a fresh migrated database for one bench. */
export async function benchDatabase(): Promise<Database & { url: string; stop(): Promise<void> }> {
  const server = process.env.DATABASE_URL ? null : await startEmbeddedPostgres();
  const base = new URL(process.env.DATABASE_URL ?? server!.url);
  const name = `zb_bench_${process.pid}`;
  const postgres = (await import('postgres')).default;
  const admin = postgres(base.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  base.pathname = `/${name}`;
  const url = base.toString();
  await migratePostgresLocked(url);
  const database = await openDatabase({ databaseUrl: url, migrate: false, maxConnections: 20 });
  return {
    ...database, url,
    async stop() {
      await database.close();
      if (server) await server.stop();
    },
  };
}
