import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../support/db.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every process below `pid` (npm → sh → node), read from /proc. */
function descendants(pid: number): number[] {
  const children = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((p) => {
    try { return Number(readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]) === pid; } catch { return false; }
  });
  return children.flatMap((c) => [c, ...descendants(c)]);
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** `npm start` as a newcomer runs it: the bundle is built, then compiled JavaScript runs under npm. */
describe.skipIf(process.env.TEST_DB === 'pglite')('npm start', () => {
  // A database of the test server: a fresh embedded one would spend the test's time on its first start.
  let database: TestDatabase;
  beforeAll(async () => { database = await testDatabase(); });
  afterAll(async () => { await database.close(); });

  it('builds, answers in the console, and SIGTERM to npm stops every process it started', async () => {
    const child = spawn('npm', ['start'], {
      cwd: ROOT, stdio: 'pipe',
      env: { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'zb-npm-')), HTTP_PORT: '0', LOG_LEVEL: 'info', DATABASE_URL: database.url!, TELEGRAM_BOT_TOKEN: '', DISCORD_TOKEN: '' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const until = async (test: () => boolean, what: string) => {
      for (let i = 0; i < 600 && !test(); i++) await new Promise((r) => setTimeout(r, 100));
      if (!test()) throw new Error(`${what} did not come; stdout: ${out.slice(-500)} stderr: ${err.slice(-500)}`);
    };
    await until(() => out.includes('Welcome to zelfbeheer-bot in the terminal.'), 'the welcome');
    child.stdin.write('/rooster\n');
    await until(() => out.includes('anna@De Linde> /rooster') && /Rooster|rota/i.test(out.split('> /rooster')[1] ?? ''), 'the rota');
    // The bundle carries its libraries inside it: use the ones start-up alone does not run.
    const after = (typed: string) => out.split(`> ${typed}\n`).at(-1) ?? '';
    child.stdin.write('ik doe zaterdag de trap\n'); // chrono-node reads the day
    await until(() => /Welke bedoel je|doet Trappenhuis/.test(after('ik doe zaterdag de trap')), 'the free-text claim');
    child.stdin.write('/sticker ladder\n'); // qrcode draws the sticker
    await until(() => /sticker-ladder\.svg/.test(after('/sticker ladder')), 'the sticker');
    const png = readFileSync(/Bestand opgeslagen: (\S+sticker-ladder\.png)/.exec(out)![1]!);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    child.stdin.write('/beheerplan\n'); // yaml writes the plan
    await until(() => /\.yaml/.test(after('/beheerplan')), 'the plan');
    expect(readFileSync(/Bestand opgeslagen: (\S+beheerplan-\S+\.yaml)/.exec(out)![1]!, 'utf8')).toContain('Trappenhuis portiek A');
    child.stdin.write('/dm\n/agenda\n'); // ical-generator writes the calendar; prom-client the metrics
    await until(() => /\.ics/.test(after('/agenda')), 'the calendar links');
    const calendar = /(http:\/\/localhost:\d+)\/calendar\/\S+\.ics/.exec(after('/agenda'))!;
    expect(await (await fetch(calendar[0])).text()).toMatch(/BEGIN:VCALENDAR[\s\S]*SUMMARY:/);
    expect(await (await fetch(`${calendar[1]}/metrics`)).text()).toContain('process_cpu_user_seconds_total');
    const started = descendants(child.pid!);
    expect(started.length, 'npm runs the bot in a process of its own').toBeGreaterThan(0);
    child.kill('SIGTERM');
    await exited;
    await until(() => started.every((p) => !alive(p)), 'every process npm started to end');
    expect(started.filter(alive)).toEqual([]);
  }, 90_000);
});
