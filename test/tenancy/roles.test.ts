import { capabilities } from '../../src/capabilities.js';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../src/admin/commands.js';
import { complexMembers } from '../../src/db/schema/index.js';
import { inParallel } from '../support/db.js';
import { anna, bram, chloe, createHarness, type Harness } from '../support/harness.js';

describe('coordinator roles under concurrency', () => {
  let h: Harness;
  const coordinators = () => h.database.db.$count(complexMembers,
    and(eq(complexMembers.complexId, 1), eq(complexMembers.role, 'coordinator')));

  beforeAll(async () => {
    h = await createHarness();
    const lines: string[] = [];
    const io = { db: h.database.db, now: h.clock.now, lang: 'en' as const, capabilities, out: (l: string) => lines.push(l) };
    await runAdmin(io, ['complex', 'create', 'De Linde']);
    await runAdmin(io, ['code', 'issue', '--complex', '1']);
    h.fake.group('g1', 'Bewoners De Linde', [anna, bram]);
    await h.fake.say(anna, 'g1', `/koppel ${/Join code (\S+)/.exec(lines[1]!)![1]!}`);
  });
  afterAll(async () => { await h.close(); });

  it('two coordinators demoting each other at the same instant leave one coordinator', async () => {
    for (let round = 0; round < 5; round++) {
      expect(await coordinators()).toBe(2);
      await inParallel(2, (i) => (i === 0
        ? h.fake.say(anna, 'g1', '/bewoner @bram')
        : h.fake.say(bram, 'g1', '/bewoner @anna')));
      expect(await coordinators()).toBe(1);
      const last = h.fake.inChat('g1').slice(-2).map((s) => s.text);
      expect(last.filter((t) => t.includes('is de laatste coördinator') || t.includes('Dit kan alleen een coördinator')))
        .toHaveLength(1);
      // Whoever is left promotes the other again for the next round.
      const [left] = await h.database.db.select().from(complexMembers)
        .where(and(eq(complexMembers.complexId, 1), eq(complexMembers.role, 'coordinator')));
      const stayer = (await h.fake.say(left!.personId === 1 ? anna : bram, 'g1', left!.personId === 1 ? '/coordinator @bram' : '/coordinator @anna'))[0]!;
      expect(stayer.text).toContain('is nu coördinator');
    }
  });

  it('refuses to demote the last coordinator', async () => {
    await h.fake.say(chloe, 'g1', 'hi');
    await h.fake.say(anna, 'g1', '/bewoner @bram');
    const [last] = await h.fake.say(anna, 'g1', '/bewoner @anna');
    expect(last!.text).toBe('Anna de Vries is de laatste coördinator. Maak eerst iemand anders coördinator.');
    expect(await coordinators()).toBe(1);
  });
});
