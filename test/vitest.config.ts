import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The first query postgres.js runs on a new connection (`fetchArrayTypes` in its connection.js). */
function isArrayTypesQuery(query: unknown): boolean {
  return typeof query === 'string' && query.includes('from pg_catalog.pg_type a') && query.includes("a.typcategory = 'A'");
}

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // One process per worker for all its files, not one per file: every file re-importing the bot, drizzle,
    // telegraf and discord.js cost more than the tests themselves (import ~230 s of a ~540 s run). The test
    // files share no global state (no module mocks, env or timer stubs), and each opens its own database.
    isolate: false,
    // One worker per core (vitest's default keeps one core for itself: a single worker on two cores). The
    // files spend much of their time waiting on PostgreSQL, spawned processes and real timers, and the
    // vitest process itself is nearly idle once the files are loaded.
    maxWorkers: availableParallelism(),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    // Two known driver bugs, not ours, both seen when the outage tests stop PostgreSQL: postgres.js can run a
    // write it had deferred (setImmediate) after the socket closed and throws outside any query
    // (porsager/postgres#1154, #1208; fixes not released); and it drops the promise of the array-types query it
    // runs first on every new connection, so a connection cut during that query rejects unhandled
    // (porsager/postgres#1192, #1205, #1223). The queries involved were already rejected and are retried by the
    // bot; everything else stays an error of the run.
    onUnhandledError: (error) => !((error.message === "Cannot read properties of null (reading 'write')"
      && /nextWrite[\s\S]*postgres[\\/]src[\\/]connection\.js/.test(String(error.stack ?? '')))
      || isArrayTypesQuery((error as { query?: unknown }).query)),
    outputFile: { json: '.test-results.json' },
  },
});
