import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox } from '../../src/db/schema/index.js';
import { PlatformError } from '../../src/platform.js';
import { addTasks, linkedComplex, stairsAndHall } from '../rota/setup.js';
import { anna, bram, chloe, createHarness, type Harness } from '../support/harness.js';
import type { Sent } from '../support/fake-platform.js';

const SECOND = 1000;
const rateLimited = (ms: number) => new PlatformError('Too Many Requests', 'rate_limited', ms);
const serverError = () => new PlatformError('Bad Gateway', 'transient');

/**
 * Every answer leaves through the durable outbox: a 429 (retry_after) or a 5xx on any of them delays
 * it, never loses or doubles it, and never turns into an apology.
 */
describe('answers survive 429 and 5xx', () => {
  let h: Harness;
  const later = async (ms: number): Promise<Sent[]> => {
    const before = h.fake.sent.length;
    h.clock.now = new Date(h.clock.now.getTime() + ms);
    await h.flush();
    return h.fake.sent.slice(before);
  };
  const noApology = () => expect(h.fake.sent.filter((s) => s.text.startsWith('Sorry'))).toEqual([]);

  beforeAll(async () => {
    h = await createHarness({ now: new Date('2026-11-22T10:00:00Z') });
    const complexId = await linkedComplex(h);
    await addTasks(h, complexId, stairsAndHall());
  });
  afterAll(async () => { await h.close(); });

  it('a command reply: a 429 waits at least retry_after; a 5xx is retried after a pause; each arrives once', async () => {
    h.fake.failWith.push(rateLimited(3 * SECOND));
    expect(await h.fake.say(bram, 'g1', '/start')).toEqual([]);
    expect(await later(2 * SECOND)).toEqual([]); // not before retry_after
    const retried = await later(1 * SECOND);
    expect(retried.map((s) => [s.chatId, s.text])).toEqual([['g1', 'Hallo! Deze groep hoort bij De Linde. Typ /hulp om te zien wat ik kan.']]);
    expect(await later(60 * SECOND)).toEqual([]); // once

    h.fake.failWith.push(serverError());
    expect(await h.fake.say(bram, 'g1', '/start')).toEqual([]);
    const again = await later(5 * SECOND);
    expect(again.map((s) => s.text)).toEqual(['Hallo! Deze groep hoort bij De Linde. Typ /hulp om te zien wat ik kan.']);
    expect(await later(60 * SECOND)).toEqual([]);
    noApology();
  });

  it('an edit of the pressed message (a question answered by its button) survives a 429 and a 5xx', async () => {
    const [ask] = await h.fake.say(bram, 'g1', 'ik doe de hal zondag @bot');
    h.fake.failWith.push(rateLimited(2 * SECOND), serverError());
    expect(await h.fake.pressLabel(bram, 'g1', 'Ja, ik neem hem')).toEqual([]);
    expect(await later(1 * SECOND)).toEqual([]);
    expect(await later(1 * SECOND)).toEqual([]); // the retry after retry_after hits the 5xx
    const edited = await later(5 * SECOND);
    expect(edited.map((s) => [s.edited, s.messageId])).toEqual([[true, ask!.messageId]]);
    expect(edited[0]!.text).toContain('Bram Jansen doet Hal dweilen');
    expect(await later(60 * SECOND)).toEqual([]);
    noApology();
  });

  it('a DM to another person (a hand-over question) survives a 429', async () => {
    // The command's answers: the question to Chloé (429) and a confirmation in the group (goes through).
    h.fake.failWith.push(rateLimited(4 * SECOND));
    const now = await h.fake.say(bram, 'g1', '/overdragen hal zondag @chloe');
    expect(now.map((s) => s.chatId)).toEqual(['g1']);
    expect(await later(3 * SECOND)).toEqual([]);
    const asked = await later(1 * SECOND);
    expect(asked.map((s) => [s.toUser, s.text])).toEqual([[chloe.id, expect.stringContaining('Bram Jansen would like to hand')]]);
    expect(await later(60 * SECOND)).toEqual([]);
    noApology();
  });

  it('the author’s confirmation of an announcement: a 429 holds the confirmation, never the announcement twice', async () => {
    h.fake.failWith.push(rateLimited(3 * SECOND));
    const direct = await h.fake.say(anna, 'dm:u-anna', '/mededeling De lift wordt maandag gerepareerd.');
    expect(direct).toEqual([]);
    const afterRetry = await later(3 * SECOND);
    expect(afterRetry.filter((s) => s.chatId === 'dm:u-anna')).toHaveLength(1);
    expect(h.fake.sent.filter((s) => s.text.includes('De lift wordt maandag gerepareerd.') && s.chatId === 'g1')).toHaveLength(1);
    expect(await later(120 * SECOND)).toEqual([]);
    noApology();
  });

  it('a group rate-limited for 20 s while 25 commands arrive: 25 answers afterwards, in order, none lost', async () => {
    h.fake.failWith.push(rateLimited(20 * SECOND));
    const commands = Array.from({ length: 25 }, (_, i) => (i % 2 === 0 ? '/start' : '/hulp'));
    for (const c of commands) expect(await h.fake.say(bram, 'g1', c)).toEqual([]);
    expect(await later(19 * SECOND)).toEqual([]);
    const answers = await later(1 * SECOND);
    expect(answers.map((s) => s.text.split('\n')[0])).toEqual(commands.map((c) => (c === '/start'
      ? 'Hallo! Deze groep hoort bij De Linde. Typ /hulp om te zien wat ik kan.' : 'Dit kan ik voor je doen:')));
    expect(await later(60 * SECOND)).toEqual([]);
    const rows = await h.database.db.select().from(outbox);
    expect(rows.filter((r) => r.state !== 'sent')).toEqual([]);
    noApology();
  });
});
