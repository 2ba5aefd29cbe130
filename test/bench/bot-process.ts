import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface BotProcess {
  readyMs: number;
  pid: number;
  rssMb(): number;
  /** Log lines at level error or worse so far (pino level ≥ 50), and the last of them. */
  errors(): { count: number; last: string | undefined };
  stop(): Promise<void>;
}

/**
 * `npm start`'s compiled path (node dist/src/main.js) against the fake Bot API. Both output streams are
 * read as they come: the bot logs synchronously (pino), so an unread pipe would fill and freeze its
 * event loop — a stall of the bench, not of the bot.
 */
export async function startBot(env: Record<string, string>): Promise<BotProcess> {
  const port = await freePort();
  const started = performance.now();
  // BENCH_BOT_ARGS: extra node flags for the bot, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` (written at its clean exit).
  const extra = (process.env.BENCH_BOT_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...extra, '--enable-source-maps', 'dist/src/main.js'], {
    cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, HTTP_PORT: String(port), LOG_LEVEL: 'warn', DISCORD_TOKEN: '', DATA_DIR: mkdtempSync(join(tmpdir(), 'zb-bench-')) },
  });
  let tail = '';
  let errorCount = 0;
  let lastError: string | undefined;
  const read = (d: Buffer) => {
    const lines = (tail + d.toString()).split('\n');
    tail = lines.pop()!.slice(-10_000);
    for (const line of lines) {
      const level = Number(/"level":(\d+)/.exec(line)?.[1] ?? 0);
      if (level >= 50) { errorCount++; lastError = line.slice(0, 500); }
    }
  };
  child.stdout.on('data', read);
  child.stderr.on('data', read);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (performance.now() - started > 60_000) throw new Error(`not ready after 60 s: ${lastError ?? tail.slice(-500)}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  const readyMs = performance.now() - started;
  return {
    readyMs, pid: child.pid!,
    rssMb: () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]) / 1024,
    errors: () => ({ count: errorCount, last: lastError }),
    async stop() { child.kill('SIGTERM'); await exited; },
  };
}
