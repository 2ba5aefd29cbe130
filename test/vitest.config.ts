import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    // Exactly one known driver bug, not ours: when the outage tests stop PostgreSQL, postgres.js can run a
    // write it had deferred (setImmediate) after the socket closed and throws outside any query
    // (porsager/postgres#1154, #1208; fixes not released). The queries involved were already rejected with
    // CONNECTION_CLOSED and are retried by the bot; everything else stays an error of the run.
    onUnhandledError: (error) => !(error.message === "Cannot read properties of null (reading 'write')"
      && /nextWrite[\s\S]*postgres[\\/]src[\\/]connection\.js/.test(String(error.stack ?? ''))),
    outputFile: { json: '.test-results.json' },
  },
});
