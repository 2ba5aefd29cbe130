import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../src/admin/commands.js';
import { capabilities } from '../../src/capabilities.js';
import { announcementAcks, identities, pollDefinitions, pollInstances, pollVotes } from '../../src/db/schema/index.js';
import { FakePlatform, type FakeUser } from '../support/fake-platform.js';
import { anna, bram, createHarness, type Harness } from '../support/harness.js';

/** Bram's second account (think: Discord next to Telegram), a member of the same complex. */
const bramElsewhere: FakeUser = { id: 'c-bram', name: 'Bram J', username: 'bramj', language: 'nl' };

describe('linking two accounts keeps what both did (acks, votes)', () => {
  let h: Harness;
  let second: FakePlatform;
  let instanceA: number;
  let instanceB: number;

  beforeAll(async () => {
    h = await createHarness({ now: new Date('2026-11-22T10:00:00Z') });
    second = new FakePlatform(h.bot, 'console');
    const lines: string[] = [];
    const io = { db: h.database.db, now: h.clock.now, lang: 'en' as const, capabilities, out: (l: string) => lines.push(l) };
    await runAdmin(io, ['complex', 'create', 'De Linde']);
    await runAdmin(io, ['code', 'issue', '--complex', '1']);
    await runAdmin(io, ['code', 'issue', '--complex', '1']);
    const [code1, code2] = lines.flatMap((l) => /Join code (\S+)/.exec(l)?.[1] ?? []);
    h.fake.group('g1', 'Bewoners De Linde', [anna, bram]);
    await h.fake.say(anna, 'g1', `/koppel ${code1}`);
    await h.fake.say(bram, 'g1', 'hallo');
    second.group('c1', 'De Linde (tweede platform)', [anna]);
    await second.say(anna, 'c1', `/koppel ${code2}`);
    await second.say(bramElsewhere, 'c1', 'hoi');
    const db = h.database.db;
    const [definition] = await db.insert(pollDefinitions).values({ complexId: 1, name: 'Trap', question: 'Hoe schoon?', options: ['vies', 'schoon'], createdAt: h.clock.now }).returning();
    const open = { definitionId: definition!.id, complexId: 1, question: 'Hoe schoon?', options: ['vies', 'schoon'], openedAt: h.clock.now, closesAt: new Date('2026-11-25T10:00:00Z') };
    [instanceA, instanceB] = (await db.insert(pollInstances).values([{ ...open, period: '2026-11' }, { ...open, period: '2026-12' }]).returning()).map((i) => i.id) as [number, number];
  });
  afterAll(async () => { await h.close(); });

  it('after /koppelaccount the kept person has the acks and votes of both accounts; a vote on the same poll keeps the newest', async () => {
    await h.fake.say(anna, 'g1', '/mededeling Morgen glazenwasser.');
    await h.flush();
    // Bram acknowledges on one platform; his other account votes on another poll and on the same one.
    const groupPost = h.fake.inChat('g1').find((s) => s.text.includes('glazenwasser'));
    expect(groupPost, 'the announcement reached the group').toBeDefined();
    await h.fake.press(bram, 'g1', groupPost!.buttons[0]![0]!.action, groupPost!.messageId);
    await h.fake.press(bram, 'g1', `polls:v:${instanceA}:0`);
    h.clock.now = new Date('2026-11-22T11:00:00Z');
    await second.press(bramElsewhere, 'c1', `polls:v:${instanceA}:1`);
    await second.press(bramElsewhere, 'c1', `polls:v:${instanceB}:1`);
    const db = h.database.db;
    const personOf = async (userId: string) => (await db.select().from(identities).where(eq(identities.platformUserId, userId)))[0]!.personId;
    const [kept, merged] = [await personOf('u-bram'), await personOf('c-bram')];
    expect(kept).not.toBe(merged);

    const [codeMsg] = await h.fake.say(bram, 'g1', '/koppelaccount');
    const code = /koppelcode is (\S+)/.exec(codeMsg!.text)![1]!;
    await second.say(bramElsewhere, 'dm:c-bram', `/koppelaccount ${code}`);
    expect(await personOf('c-bram')).toBe(kept);

    expect((await db.select().from(announcementAcks)).map((a) => a.personId)).toEqual([kept]);
    const votes = await db.select().from(pollVotes).orderBy(pollVotes.instanceId);
    expect(votes.map((v) => [v.instanceId, v.personId, v.optionIndex])).toEqual([[instanceA, kept, 1], [instanceB, kept, 1]]);
  });
});
