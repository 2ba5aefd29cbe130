import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Optional settings a developer's .env might set: blanked so the test decides (dotenv never overrides). */
const BLANKED = ['DATABASE_URL', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_API_ROOT', 'TELEGRAM_WEBHOOK_URL', 'TELEGRAM_WEBHOOK_SECRET',
  'DISCORD_TOKEN', 'DISCORD_API_ROOT', 'DISCORD_APPLICATION_ID', 'DISCORD_MESSAGE_CONTENT', 'DISCORD_GUILD_MEMBERS', 'DISCORD_NATIVE_POLLS',
  'DISCORD_GLOBAL_COMMANDS', 'DISCORD_SHARDS', 'DISCORD_CLIENT_SECRET', 'PUBLIC_URL', 'DEMO', 'CONSOLE'];

export interface RunningMain {
  child: ChildProcessWithoutNullStreams;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout (or stderr) contains `text`; rejects with what was printed on timeout or exit. */
  waitFor(text: string | RegExp, opts?: { stream?: 'stdout' | 'stderr'; ms?: number }): Promise<void>;
  type(...lines: string[]): void;
  exited: Promise<number | null>;
}

/** Runs what production runs (`node dist/src/main.js`, the libraries bundled) with stdin piped. */
export function startBundled(env: Record<string, string>): RunningMain {
  // Built once for the run by the global set-up (test/support/bundle.ts).
  return startMain(env, ['--enable-source-maps', `${inject('bundleDir')}/dist/src/main.js`]);
}

/** Runs the real entry point from its sources (tsx), with stdin piped. */
export function startMain(env: Record<string, string>, args = ['--import', 'tsx', 'src/main.ts']): RunningMain {
  const child = spawn(process.execPath, args, {
    cwd: ROOT, stdio: 'pipe',
    env: { ...process.env, ...Object.fromEntries(BLANKED.map((k) => [k, ''])), LOG_LEVEL: 'warn', ...env },
  });
  let out = '';
  let err = '';
  const waiters = new Set<() => void>();
  const notify = () => { for (const w of waiters) w(); };
  child.stdout.on('data', (d: Buffer) => { out += d.toString(); notify(); });
  child.stderr.on('data', (d: Buffer) => { err += d.toString(); notify(); });
  let done = false;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => { done = true; notify(); resolve(code); }));
  return {
    child, exited,
    stdout: () => out,
    stderr: () => err,
    type: (...lines) => { child.stdin.write(lines.map((l) => `${l}\n`).join('')); },
    waitFor(text, { stream = 'stdout', ms = 40_000 } = {}) {
      const seen = () => { const s = stream === 'stdout' ? out : err; return typeof text === 'string' ? s.includes(text) : text.test(s); };
      return new Promise((resolve, reject) => {
        const check = () => {
          if (seen()) finish();
          else if (done) finish(new Error(`exited before printing ${String(text)}\nstdout:\n${out}\nstderr:\n${err}`));
        };
        const timer = setTimeout(() => finish(new Error(`timed out waiting for ${String(text)}\nstdout:\n${out}\nstderr:\n${err}`)), ms);
        const finish = (e?: Error) => { clearTimeout(timer); waiters.delete(check); if (e) reject(e); else resolve(); };
        waiters.add(check);
        check();
      });
    },
  };
}
