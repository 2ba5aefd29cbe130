import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { pollDefinitions, pollInstances } from '../../../src/db/schema/index.js';
import { silentLogger } from '../../../src/log.js';
import { closePoll, openPoll } from '../../../src/polls/service.js';
import { outboxDrained } from '../../contract/world.js';
import { discordServer, joinCode, last, shown, text, type, type Server } from './setup.js';

describe('Discord native quality poll: posted, voted (one vote changed), ended by the bot, results posted (real PostgreSQL)', () => {
  let s: Server;
  beforeAll(async () => {
    s = await discordServer({ clock: new Date() });
    const { code } = await joinCode(s.w, 'De Linde');
    await type(s.w, s.anna, s.channel, `/koppel ${code}`);
    for (const u of [s.bram, s.chloe]) await type(s.w, u, s.channel, 'hallo');
  }, 60_000);
  afterAll(async () => { await s.w.close(); });

  it('runs a poll through Discord with per-voter votes; a 5xx on the results is retried by the outbox', async () => {
    s.clock.now = new Date();
    await type(s.w, s.anna, s.channel, '/peiling toevoegen schoon; Hoe schoon is de trap?; 1, 2, 3, 4, 5; dagelijks');
    expect(text(s, last(s, s.channel))).toBe('Peiling "schoon" toegevoegd (dagelijks).');
    const [def] = await s.w.database.db.select().from(pollDefinitions).where(eq(pollDefinitions.name, 'schoon'));
    const deps = { platforms: s.w.bot.platforms, log: silentLogger };
    const instance = await s.w.database.db.transaction((tx) => openPoll(tx, def!, 'p1', s.clock.now, s.clock.now, deps));
    const poll = last(s, s.channel);
    expect(poll.poll).toMatchObject({ question: '📋 Hoe schoon is de trap?', answers: ['1', '2', '3', '4', '5'], expired: false });
    const posted = s.fake.calls.find((c) => c.method === 'POST' && (c.body as { poll?: unknown } | undefined)?.poll)!;
    expect((posted.body as { poll: unknown }).poll).toMatchObject({ duration: 768, allow_multiselect: false });

    const before = s.w.done.size;
    s.fake.vote(s.bram, poll, 3);
    s.fake.vote(s.chloe, poll, 0);
    s.fake.vote(s.chloe, poll, 0, true); // Chloé changes her vote: Discord removes the old answer, then adds the new one
    s.fake.vote(s.chloe, poll, 1);
    s.fake.vote(s.erik, poll, 4); // the owner became coordinator at /koppel: a member, so counted
    await s.w.settledEvents(before, 5);

    s.fake.fail(/^POST \/channels\/\d+\/messages$/, 502, { times: 2 });
    await s.w.database.db.transaction(async (tx) => {
      const [row] = await tx.select().from(pollInstances).where(eq(pollInstances.id, instance!.id)).for('update');
      await closePoll(tx, row!, new Date(), deps);
    });
    expect(s.fake.calls.filter((c) => c.path === `/channels/${s.channel}/polls/${poll.id}/expire`).map((c) => c.status)).toEqual([200]);
    expect(s.fake.state.messages.find((m) => m.id === poll.id)!.poll!.expired).toBe(true);
    await outboxDrained(s.w.database.db);
    const results = shown(s, s.channel).filter((m) => text(s, m).startsWith('📊'));
    expect(results.map((m) => text(s, m))).toEqual(['📊 Uitslag: Hoe schoon is de trap?\n1: 0\n2: 1\n3: 0\n4: 1\n5: 1\nGemiddeld 3,7 (van 1 tot 5), 3 stemmen.']);
    expect(s.fake.calls.filter((c) => c.status === 502)).toHaveLength(2);
    expect(s.fake.invalidCalls()).toEqual([]);
  }, 30_000);
});
