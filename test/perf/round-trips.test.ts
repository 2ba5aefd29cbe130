import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bram, chloe, createHarness, type Harness } from '../support/harness.js';
import { addTasks, GROUP, linkedComplex, stairsAndHall } from '../rota/setup.js';

/** Statements sent to PostgreSQL per update, counted on the real driver (each one is a round trip). */
describe.skipIf(process.env.TEST_DB === 'pglite')('round trips per update', () => {
  let h: Harness;
  const statements: string[] = [];
  let counting = false;
  async function count(action: () => Promise<unknown>): Promise<string[]> {
    statements.length = 0;
    counting = true;
    await action();
    counting = false;
    return [...statements];
  }
  beforeAll(async () => {
    h = await createHarness({ now: new Date('2026-11-23T08:00:00Z'), onQuery: (s) => { if (counting) statements.push(s.replace(/\s+/g, ' ').slice(0, 120)); } });
    const complexId = await linkedComplex(h);
    await addTasks(h, complexId, stairsAndHall());
    // Warm: the first message of a person creates them; later ones are the common case.
    await h.fake.say(bram, GROUP, '/rooster');
    await h.fake.say(chloe, `dm:${chloe.id}`, '/help');
  });
  afterAll(async () => { await h.close(); });

  /** Writes other than the answer itself (its outbox row) and the dedupe mark. */
  const writes = (list: string[]) => list.filter((q) => /^(insert|update|delete)/i.test(q) && !/"?(outbox|processed_updates)"?/.test(q.slice(0, 40)));

  it('/rooster and a DM command write nothing but their answer; a claim writes the claim and its audit row; counts stay bounded', async () => {
    const rota = await count(() => h.fake.say(bram, GROUP, '/rooster'));
    const [shown] = await h.fake.say(bram, GROUP, '/rooster');
    const claim = shown!.buttons.flat().find((b) => b.action.startsWith('rota:c'))!;
    const press = await count(() => h.fake.press(bram, GROUP, claim.action, shown!.messageId));
    const dm = await count(() => h.fake.say(chloe, `dm:${chloe.id}`, '/help'));
    console.info(`round trips: /rooster ${rota.length}, claim button ${press.length}, DM /help ${dm.length}`);
    for (const [what, list] of [['/rooster', rota], ['claim', press], ['dm', dm]] as const) console.info(`${what}:\n  ${list.join('\n  ')}`);
    expect(writes(rota)).toEqual([]);
    expect(writes(dm)).toEqual([]);
    expect(writes(press).map((q) => /^insert into "(\w+)"/.exec(q)?.[1])).toEqual(['rota_claims', 'audit_log']);
    // Today's figures as a ceiling (begin, commit and the "sent" marks after the commit included; the context is
    // one statement that also says whether the answer must queue, no savepoint): a change that adds round trips fails here.
    expect(rota.length).toBeLessThanOrEqual(6);
    expect(press.length).toBeLessThanOrEqual(13);
    expect(dm.length).toBeLessThanOrEqual(5);
  });
});
