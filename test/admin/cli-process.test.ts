import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollDefinitions, rotaTasks as tasks } from '../../src/db/schema/index.js';
import { anna, createHarness, type Harness } from '../support/harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

const PLAN = `version: 1
complex:
  name: De Es
  timezone: Europe/Amsterdam
  language: nl
tasks:
  - name: Trappenhuis vegen
    recurrence: elke zaterdag
    time: "12:00"
  - name: Containers buiten zetten
    aliases: [kliko]
    recurrence: elke maandag
    time: "20:00"
polls:
  - name: Kwaliteit trappenhuis
    question: Hoe schoon is het trappenhuis?
    options: ["1 – vies", "2 – matig", "3 – schoon"]
    schedule: "0 10 1 * *"
    window_hours: 48
    threshold: 2
`;

/** `npm run admin -- …` as an operator types it: the real entry point (src/admin/cli.ts) in its own process. */
describe.skipIf(process.env.TEST_DB === 'pglite')('admin CLI entry point and the chat use one capability list', () => {
  let h: Harness;
  const dir = mkdtempSync(join(tmpdir(), 'zb-cli-'));
  async function admin(...argv: string[]): Promise<string> {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/admin/cli.ts', ...argv], {
      cwd: ROOT, env: { ...process.env, DATABASE_URL: h.database.url!, ADMIN_LANG: 'en', LOG_LEVEL: 'warn' },
    });
    return stdout;
  }

  beforeAll(async () => { h = await createHarness({ now: new Date() }); });
  afterAll(async () => { await h.close(); });

  it('beheerplan import through the CLI stores tasks and polls; the group then sees them in /rooster and /peiling', async () => {
    expect(await admin('complex', 'create', 'De Es')).toMatch(/Complex 1/);
    const path = join(dir, 'plan.yaml');
    writeFileSync(path, PLAN);
    expect(await admin('beheerplan', 'import', '1', path)).toContain('De Es');
    const db = h.database.db;
    expect((await db.select({ n: count() }).from(tasks))[0]!.n).toBe(2);
    expect((await db.select({ n: count() }).from(pollDefinitions))[0]!.n).toBe(1);

    const code = /Join code (\S+)/.exec(await admin('code', 'issue', '--complex', '1'))![1]!;
    h.fake.group('g-es', 'Bewoners De Es', [anna]);
    await h.fake.say(anna, 'g-es', `/koppel ${code}`);
    const [rota] = await h.fake.say(anna, 'g-es', '/rooster');
    expect(rota!.text).toContain('Trappenhuis vegen');
    expect(rota!.text).toContain('Containers buiten zetten');
    const [polls] = await h.fake.say(anna, 'g-es', '/peiling lijst');
    expect(polls!.text).toContain('Kwaliteit trappenhuis');
  }, 60_000);
});
