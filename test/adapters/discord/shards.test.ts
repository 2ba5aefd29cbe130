import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestDatabase } from '../../support/db.js';
import { shardOf } from '../../support/fake-discord/gateway.js';
import { FakeDiscord, type FakeDiscordUser, type FakeGuild } from '../../support/fake-discord/server.js';
import { discordWorld, type DiscordWorld } from '../../contract/worlds/discord.js';

/** Servers until one lands on each of `count` shards (a guild's shard follows from its id's timestamp). */
async function guildsOnShards(fake: FakeDiscord, owner: FakeDiscordUser, count: number): Promise<FakeGuild[]> {
  const byShard = new Map<number, FakeGuild>();
  for (let n = 0; byShard.size < count && n < 200; n++) {
    const g = fake.guild(`Complex ${n}`, { owner, channels: ['bewoners'] });
    if (!byShard.has(shardOf(g.id, count))) byShard.set(shardOf(g.id, count), g);
    await new Promise((r) => setTimeout(r, 2));
  }
  return [...byShard.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}

const registered = (fake: FakeDiscord, guild: FakeGuild) => fake.calls.filter((c) => c.method === 'PUT' && c.path.endsWith(`/guilds/${guild.id}/commands`));

describe('Discord sharding: two processes, each with its own shard, one database (real PostgreSQL)', () => {
  let fake: FakeDiscord;
  let database: TestDatabase;
  let owner: FakeDiscordUser;
  let guilds: FakeGuild[];
  let w0: DiscordWorld;
  let w1: DiscordWorld;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
    fake.recommendedShards = 2;
    database = await testDatabase();
    owner = fake.user('erik', { globalName: 'Erik Eigenaar' });
    guilds = await guildsOnShards(fake, owner, 2);
    w0 = await discordWorld({ fake, database, shards: { ids: [0], count: 2 } });
    w1 = await discordWorld({ fake, database, shards: { ids: [1], count: 2 } });
  }, 60_000);
  afterAll(async () => {
    await w0?.close();
    await w1?.close();
    await fake.close();
    await database.close();
  });

  it('each process identifies with its shard and registers the commands of its own servers once', async () => {
    expect(fake.gateway.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
    await fake.until(() => guilds.every((g) => registered(fake, g).length > 0));
    for (const g of guilds) expect(registered(fake, g)).toHaveLength(1);
  });

  it('a server’s interactions reach only the process of its shard; both answer through the shared database', async () => {
    const [g0, g1] = guilds as [FakeGuild, FakeGuild];
    const i0 = fake.slash(owner, g0.channels[0]!.id, 'help');
    const i1 = fake.slash(owner, g1.channels[0]!.id, 'help');
    await w0.handled(i0.id);
    await w1.handled(i1.id);
    expect(w0.seen.map((e) => e.updateId)).toContain(i0.id);
    expect(w0.seen.map((e) => e.updateId)).not.toContain(i1.id);
    expect(w1.seen.map((e) => e.updateId)).toEqual([i1.id]);
    for (const i of [i0, i1]) expect(fake.state.messages.find((m) => m.id === i.originalId)?.content).toMatch(/\S/);
  });

  it('a server that adds the bot later (GUILD_CREATE) gets its commands from the process of its shard', async () => {
    const before = fake.calls.length;
    const added = fake.guild('Nieuw complex', { owner, channels: ['algemeen'] });
    await fake.until(() => registered(fake, added).length > 0);
    expect(registered(fake, added)).toHaveLength(1);
    const expected = shardOf(added.id, 2) === 0 ? w0 : w1;
    expect(expected.platform.client.guilds.cache.has(added.id)).toBe(true);
    expect((expected === w0 ? w1 : w0).platform.client.guilds.cache.has(added.id)).toBe(false);
    expect(fake.calls.length).toBeGreaterThan(before);
  });

  it('without a shard setting one process runs every shard Discord recommends', async () => {
    const single = await FakeDiscord.start();
    single.recommendedShards = 2;
    const w = await discordWorld({ fake: single, database });
    try {
      expect(single.gateway.identifies.map((i) => i.shard).sort()).toEqual([[0, 2], [1, 2]]);
    } finally {
      await w.close();
      await single.close();
    }
  });
});
