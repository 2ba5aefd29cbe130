import { mkdirSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { PgTransaction, type PgDatabase, type PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { preparing } from './prepared.js';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
/** A database or a transaction: query functions accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

// Two levels up from this file and from the bundle (dist/src/main.js) alike.
export const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

/** Arbitrary but fixed: every instance takes the same advisory lock before migrating. */
const MIGRATION_LOCK_KEY = 727_4210_1;

export interface DbOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** Run migrations before returning (default true). */
  migrate?: boolean;
  /** An existing PGlite instance (tests clone a migrated template). */
  pglite?: PGlite;
  maxConnections?: number;
  /** Called with every statement sent to PostgreSQL (tests list them). */
  onQuery?: (statement: string) => void;
  /** Called with every new connection's socket (tests count round trips on it). */
  onSocket?: (socket: Socket) => void;
}

export async function openDatabase(opts: DbOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts);
  return openPglite(opts);
}

async function openPostgres(url: string, opts: DbOptions): Promise<Database> {
  if (opts.migrate !== false) await migratePostgresLocked(url);
  const onQuery = opts.onQuery;
  const client = postgres(url, {
    max: opts.maxConnections ?? 10, onnotice: () => {}, backoff: reconnectDelaySeconds,
    // postgres.js takes a socket factory (documented in its README) that its types do not list.
    ...({ socket: (options: SocketOptions) => connectWithoutDelay(options, opts.onSocket) } as object),
    ...(onQuery ? { debug: (_connection: number, statement: string) => onQuery(statement) } : {}),
  });
  const db = drizzlePostgres(preparing(client), { schema, casing: 'snake_case' }) as unknown as Db;
  return { db, kind: 'postgres', close: () => client.end({ timeout: 5 }) };
}

/**
 * Seconds before a connection tries again after its connection attempt failed: the driver's own curve
 * (3^retries / 100 s, halved at random up to half) capped at 1 s instead of its 20 s. After a long outage
 * the driver's cap kept the bot away for up to 20 s once the database was back; a refused connection
 * a second is no load worth saving the database.
 */
function reconnectDelaySeconds(retries: number): number {
  return (0.5 + Math.random() / 2) * Math.min(3 ** retries / 100, 1);
}

/**
 * The connection's socket with Nagle's algorithm off: statements sent one right after another (a last
 * statement and its COMMIT, see pipelined.ts) then leave at once instead of the second waiting for the
 * server's acknowledgement of the first, which comes with its answer — a round trip in disguise.
 */
interface SocketOptions { host: string[]; port: number[]; path?: string | false }
function connectWithoutDelay(options: SocketOptions, onSocket?: (socket: Socket) => void): Socket {
  const socket = options.path ? connect(options.path) : connect(options.port[0] ?? 5432, options.host[0] ?? 'localhost');
  socket.setNoDelay(true);
  onSocket?.(socket);
  return socket;
}

/** Two instances starting together: the advisory lock makes the second wait, then find nothing to do. */
export async function migratePostgresLocked(url: string): Promise<void> {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      await migratePostgres(drizzlePostgres(client, { casing: 'snake_case' }), { migrationsFolder });
    } finally {
      await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function openPglite(opts: DbOptions): Promise<Database> {
  let pg = opts.pglite;
  if (!pg) {
    const dir = opts.dataDir ?? './data';
    if (dir !== 'memory://') mkdirSync(dir, { recursive: true });
    pg = await PGlite.create(dir === 'memory://' ? undefined : dir);
  }
  const db = drizzlePglite(pg, { schema, casing: 'snake_case' });
  if (opts.migrate !== false) await migratePglite(db, { migrationsFolder });
  const instance = pg;
  return { db: db as unknown as Db, kind: 'pglite', close: () => instance.close() };
}

/**
 * Runs `work` in a transaction: the caller's when `db` already is one (no savepoint, no extra round
 * trip; its failure fails the caller's), else a new one.
 */
export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  return isTransaction(db) ? work(db) : db.transaction(work);
}

function isTransaction(db: Db): boolean {
  return db instanceof PgTransaction;
}
