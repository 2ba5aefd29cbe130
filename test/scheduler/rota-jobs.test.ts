import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { rotaClaims, rotaOccurrences, scheduledEffects } from '../../src/db/schema/index.js';
import { machinery } from '../support/complex-kit.js';
import { bram, chloe, createHarness, type Harness } from '../support/harness.js';
import { addTasks, GROUP, linkedComplex, task } from '../rota/setup.js';

const HOUR = 3_600_000;

/** The real rota behind the scheduler's rota jobs: reminder, open call, "was it done?" and its buttons. */
describe('scheduler × rota: reminders and questions for real rota turns', () => {
  let h: Harness;
  let complexId: number;
  let run: ReturnType<typeof machinery>;
  // Sunday 22 November 2026, 10:00 UTC; the stairs are due every Saturday at 10:00 Amsterdam (09:00 UTC).
  const start = new Date('2026-11-22T10:00:00Z');
  const saturday = new Date('2026-11-28T09:00:00Z');

  beforeAll(async () => {
    h = await createHarness({ now: start });
    complexId = await linkedComplex(h);
    await addTasks(h, complexId, [task('Trap vegen', 'elke zaterdag'), task('Tuin', 'elke zaterdag', { time: '11:00' })]);
    run = machinery(h);
    await run.tick();
  });
  afterAll(async () => { await h.close(); });

  async function at(when: Date): Promise<void> {
    h.clock.now = when;
    await run.tick();
  }

  it('reminds the claimant the day before, calls for the open turn in the group, asks "done?" after', async () => {
    const [occ] = await h.database.db.select().from(rotaOccurrences)
      .where(and(eq(rotaOccurrences.complexId, complexId), eq(rotaOccurrences.dueAt, saturday)));
    expect(occ).toBeDefined();
    const [claimed] = await h.fake.press(bram, GROUP, `rota:c:${occ!.id}`);
    expect(claimed!.text).toContain('Bram Jansen doet Trap vegen');

    // Three days before: the open call for the unclaimed garden turn, with a claim button; not for the stairs.
    const before = h.fake.sent.length;
    await at(new Date(saturday.getTime() - 3 * 24 * HOUR + 2 * HOUR + 60_000));
    const calls = h.fake.sent.slice(before).filter((s) => s.chatId === GROUP);
    expect(calls.map((c) => c.text)).toEqual([expect.stringContaining('Tuin')]);
    const claimButton = calls[0]!.buttons.flat()[0]!;
    const [taken] = await h.fake.press(chloe, GROUP, claimButton.action, calls[0]!.messageId);
    expect(taken!.text).toContain('Chloé Martin');

    // 24 hours before each turn (stairs 10:00, garden 11:00): a reminder by DM to each claimant.
    const beforeReminder = h.fake.sent.length;
    await at(new Date(saturday.getTime() - 23 * HOUR + 60_000));
    const reminders = h.fake.sent.slice(beforeReminder);
    expect(reminders.map((r) => r.toUser).sort()).toEqual(['u-bram', 'u-chloe']);
    expect(reminders.find((r) => r.toUser === 'u-bram')!.text).toContain('Trap vegen');

    // A second tick at the same time sends nothing again.
    const afterReminder = h.fake.sent.length;
    await at(new Date(saturday.getTime() - 23 * HOUR + 120_000));
    expect(h.fake.sent.length).toBe(afterReminder);

    // Two hours after each due time: "was it done?" with Yes/No buttons; Bram answers yes.
    await at(new Date(saturday.getTime() + 3 * HOUR + 60_000));
    const question = h.fake.dmsTo('u-bram').at(-1)!;
    expect(question.buttons.flat().map((b) => b.action)).toEqual([`rota:ad:${occ!.id}:1`, `rota:ad:${occ!.id}:0`]);
    const [done] = await h.fake.press(bram, 'dm:u-bram', question.buttons.flat()[0]!.action, question.messageId);
    expect(done!.text).toContain('Trap vegen');
    expect(done!.edited).toBe(true);
    const [after] = await h.database.db.select().from(rotaOccurrences).where(eq(rotaOccurrences.id, occ!.id));
    expect(after!.status).toBe('done');
    const claims = await h.database.db.select().from(rotaClaims).where(eq(rotaClaims.occurrenceId, occ!.id));
    expect(claims[0]!.doneAt).not.toBeNull();

    // Chloé answers no: her garden turn is recorded as not done (missed).
    const chloeQuestion = h.fake.dmsTo('u-chloe').at(-1)!;
    const no = chloeQuestion.buttons.flat()[1]!;
    const [noted] = await h.fake.press(chloe, 'dm:u-chloe', no.action, chloeQuestion.messageId);
    expect(noted!.text).toContain('not done');
    const gardenId = Number(no.action.split(':')[2]);
    expect((await h.database.db.select().from(rotaOccurrences).where(eq(rotaOccurrences.id, gardenId)))[0]!.status).toBe('missed');

    // Someone else cannot answer for Bram's turn.
    const [refused] = await h.fake.press(chloe, 'dm:u-chloe', `rota:ad:${occ!.id}:0`);
    expect(refused!.text).toMatch(/not yours|niet van jou|only|alleen|closed|afgerond/i);

    const effects = await h.database.db.select({ key: scheduledEffects.key }).from(scheduledEffects).orderBy(asc(scheduledEffects.id));
    expect(effects.filter((e) => e.key.startsWith(`rota:remind:${occ!.id}:`))).toHaveLength(1);
  });
});
