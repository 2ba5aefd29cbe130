import { capabilities } from '../../src/capabilities.js';
import { planSections } from '../../src/capability.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminError, runAdmin } from '../../src/admin/commands.js';
import { PLAN_LIMITS } from '../../src/beheerplan/limits.js';
import { validatePlanText } from '../../src/beheerplan/validate.js';
import { beheerplanVersions, pendingActions } from '../../src/db/schema/index.js';
import { t } from '../../src/i18n/index.js';
import type { FakeUser, Sent } from '../support/fake-platform.js';
import { anna, chloe, createHarness, type Harness } from '../support/harness.js';

/** Files that cost seconds (or a stack overflow) to parse without limits. */
const HOSTILE: Record<string, { name: string; text: () => string }> = {
  manyKeys: { name: 'plan.yaml', text: () => Array.from({ length: 25_000 }, (_, i) => `k${i}: v`).join('\n') }, // ~233 KiB
  flowKeys: { name: 'plan.yaml', text: () => `{${Array.from({ length: 25_000 }, (_, i) => `k${i}: 1`).join(', ')}}` },
  deepJson: { name: 'plan.json', text: () => `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
  deepBlock: { name: 'plan.yaml', text: () => ['a:', ...Array.from({ length: 2_000 }, (_, i) => `${' '.repeat(i + 1)}a:`)].join('\n') },
  aliasBomb: {
    name: 'plan.yaml',
    text: () => ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      ...'bcdefghi'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(', ')}]`)].join('\n'),
  },
  fewAliasesBigExpansion: {
    name: 'plan.yaml',
    text: () => [`a: &a "${'x'.repeat(30_000)}"`, `b: [${Array(40).fill('*a').join(', ')}]`].join('\n'),
  },
};

describe('hostile beheerplan files are refused quickly, in chat and in the admin CLI', () => {
  let h: Harness;
  let linde: number;
  const dir = mkdtempSync(join(tmpdir(), 'hostile-plan-'));

  async function admin(...argv: string[]): Promise<string[]> {
    const lines: string[] = [];
    await runAdmin({ db: h.database.db, now: h.clock.now, lang: 'en', out: (l) => lines.push(l), capabilities }, argv);
    return lines;
  }

  function upload(user: FakeUser, chatId: string, name: string, text: string): Promise<Sent[]> {
    return h.fake.say(user, chatId, 'plan', {
      attachments: [{ kind: 'document', fileId: `f-${name}`, fileName: name, download: async () => Buffer.from(text, 'utf8') }],
    });
  }

  beforeAll(async () => {
    h = await createHarness();
    for (const [chatId, name, coordinator, language] of [['g1', 'De Linde', anna, 'nl'], ['g2', 'The Oak', chloe, 'en']] as const) {
      const [created] = await admin('complex', 'create', name, '--language', language);
      const id = Number(/Complex (\d+)/.exec(created!)![1]);
      if (chatId === 'g1') linde = id;
      const [issued] = await admin('code', 'issue', '--complex', String(id));
      h.fake.group(chatId, name, [coordinator]);
      await h.fake.say(coordinator, chatId, `/koppel ${/Join code (\S+)/.exec(issued!)![1]}`);
    }
  });
  afterAll(() => h.close());

  it.each(Object.keys(HOSTILE))('%s: refused by the parser in well under a second', (kind) => {
    const { name, text } = HOSTILE[kind]!;
    const body = text();
    const started = performance.now();
    const result = validatePlanText(planSections(capabilities), body, name);
    expect(performance.now() - started).toBeLessThan(300);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.key).toMatch(/^beheerplan\.limit\./);
  });

  it('in chat: a translated answer (nl and en), nothing stored, within a second', async () => {
    const started = performance.now();
    const [nl] = await upload(anna, 'g1', 'plan.yaml', HOSTILE.manyKeys!.text());
    expect(performance.now() - started).toBeLessThan(1000);
    expect(nl!.text).toContain('Dit beheerplan (plan.yaml) kan ik niet inlezen:');
    expect(nl!.text).toContain(`te veel velden en regels (meer dan ${PLAN_LIMITS.maxNodes})`);
    const [en] = await upload(chloe, 'g2', 'plan.json', HOSTILE.deepJson!.text());
    expect(en!.text).toContain('The file is nested too deeply (more than 32 levels)');
    const [bomb] = await upload(chloe, 'g2', 'plan.yaml', HOSTILE.aliasBomb!.text());
    expect(bomb!.text).toContain('too many references');
    const [versions] = await h.database.db.select({ n: count() }).from(beheerplanVersions).where(eq(beheerplanVersions.complexId, linde));
    expect(versions!.n).toBe(0);
    const [pending] = await h.database.db.select({ n: count() }).from(pendingActions);
    expect(pending!.n).toBe(0);
  });

  it('a file the platform reports as too large is refused before it is downloaded', async () => {
    let downloaded = false;
    const [answer] = await h.fake.say(anna, 'g1', 'plan', {
      attachments: [{ kind: 'document', fileId: 'big', fileName: 'plan.yaml', size: 50 * 1024 * 1024,
        download: async () => { downloaded = true; return Buffer.from('tasks: []'); } }],
    });
    expect(answer!.text).toBe('Dit bestand is te groot voor een beheerplan (meer dan 256 kB).');
    expect(downloaded).toBe(false);
  });

  it('admin CLI: the same limits, with a clean error and no stack trace', async () => {
    for (const [kind, expected] of [['deepJson', 'nested too deeply'], ['manyKeys', 'too many fields'], ['aliasBomb', 'too many references']] as const) {
      const file = join(dir, `${kind}-${HOSTILE[kind]!.name}`);
      writeFileSync(file, HOSTILE[kind]!.text());
      const err = await admin('beheerplan', 'import', String(linde), file).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(AdminError);
      const text = t('en', (err as AdminError).key, (err as AdminError).params);
      expect(text).toContain(expected);
      expect(text).not.toMatch(/\bat \S+ \(|RangeError/);
    }
    const huge = join(dir, 'huge.yaml');
    writeFileSync(huge, `# ${'x'.repeat(PLAN_LIMITS.maxBytes + 10)}\n`);
    const err = await admin('beheerplan', 'import', String(linde), huge).then(() => null, (e: unknown) => e);
    expect(t('en', (err as AdminError).key, (err as AdminError).params)).toContain('too large for a beheerplan');
  });
});
