import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, complexes, complexMembers, identities } from '../../../src/db/schema/index.js';
import type { FakeDiscordUser } from '../../support/fake-discord/server.js';
import { discordServer, joinCode, last, shown, text, type, type Server } from './setup.js';

const GUILD_MEMBERS = 1 << 1;

async function roleOf(s: Server, user: FakeDiscordUser, complexId: number): Promise<string | null> {
  const db = s.w.database.db;
  const [row] = await db.select({ role: complexMembers.role }).from(complexMembers)
    .innerJoin(identities, eq(identities.personId, complexMembers.personId))
    .where(and(eq(identities.platform, 'discord'), eq(identities.platformUserId, user.id), eq(complexMembers.complexId, complexId)));
  return row?.role ?? null;
}

/**
 * Members joining and leaving a server, with the privileged GuildMembers intent configured
 * (DISCORD_GUILD_MEMBERS=true): leaving the server is leaving its complexes, as leaving a Telegram
 * group; a newcomer of a server with one complex is greeted in the complex's language.
 */
describe('Discord: members joining and leaving a server (GuildMembers intent)', () => {
  let s: Server;
  let linde: number;
  beforeAll(async () => {
    s = await discordServer({ clock: new Date(), guildMembers: true });
    const { code, complexId } = await joinCode(s.w, 'De Linde');
    linde = complexId;
    await type(s.w, s.anna, s.channel, `/koppel ${code}`);
    await type(s.w, s.bram, s.channel, '/rooster');
  }, 60_000);
  afterAll(async () => { await s.w.close(); });

  it('identifies with the GuildMembers intent', () => {
    expect(s.fake.gateway.identifies.at(-1)!.intents & GUILD_MEMBERS).toBe(GUILD_MEMBERS);
  });

  it('a newcomer is greeted in the linked channel and is a member', async () => {
    const dirk = s.fake.user('dirk', { globalName: 'Dirk Dekker', locale: 'nl' });
    const before = s.w.done.size;
    expect(s.fake.memberJoin(s.guild, dirk)).toBe(1);
    await s.w.settledEvents(before, 1);
    await s.fake.until(() => text(s, last(s, s.channel)).includes('Dirk'));
    expect(text(s, last(s, s.channel))).toBe('Welkom @Dirk Dekker! Typ /hulp om te zien wat ik voor je kan doen.');
    expect(await roleOf(s, dirk, linde)).toBe('resident');
  });

  it('the greeting is in the complex’s language, not the newcomer’s', async () => {
    await s.w.database.db.update(complexes).set({ language: 'en' }).where(eq(complexes.id, linde));
    const eva = s.fake.user('eva', { globalName: 'Eva', locale: 'nl' });
    const before = s.w.done.size;
    s.fake.memberJoin(s.guild, eva);
    await s.w.settledEvents(before, 1);
    await s.fake.until(() => text(s, last(s, s.channel)).includes('Eva'));
    expect(text(s, last(s, s.channel))).toBe('Welcome @Eva! Type /help to see what I can do for you.');
    await s.w.database.db.update(complexes).set({ language: 'nl' }).where(eq(complexes.id, linde));
  });

  it('a resident who leaves the server is no longer a member of its complex (history stays in the audit log)', async () => {
    expect(await roleOf(s, s.bram, linde)).toBe('resident');
    const seen = shown(s, s.channel).length;
    const before = s.w.done.size;
    s.fake.memberLeave(s.guild, s.bram);
    await s.w.settledEvents(before, 1);
    expect(await roleOf(s, s.bram, linde)).toBeNull();
    const left = await s.w.database.db.select().from(auditLog).where(and(eq(auditLog.complexId, linde), eq(auditLog.action, 'member.left')));
    expect(left).toHaveLength(1);
    // A resident leaving is not announced.
    expect(shown(s, s.channel)).toHaveLength(seen);
  });

  it('a server with two complexes: a newcomer joins neither until they speak; leaving the server leaves both', async () => {
    const tuin = s.fake.channel(s.guild, 'tuin');
    const second = await joinCode(s.w, 'Het Erf');
    await type(s.w, s.anna, tuin, `/koppel ${second.code}`);
    await type(s.w, s.chloe, s.channel, '/rooster');
    await type(s.w, s.chloe, tuin, '/rooster');
    expect([await roleOf(s, s.chloe, linde), await roleOf(s, s.chloe, second.complexId)]).toEqual(['resident', 'resident']);
    const frits = s.fake.user('frits', { globalName: 'Frits', locale: 'nl' });
    const seen = [shown(s, s.channel).length, shown(s, tuin).length];
    const handled = s.w.done.size;
    s.fake.memberJoin(s.guild, frits);
    await new Promise((r) => setTimeout(r, 500));
    expect(s.w.done.size).toBe(handled);
    expect([shown(s, s.channel).length, shown(s, tuin).length]).toEqual(seen);
    expect([await roleOf(s, frits, linde), await roleOf(s, frits, second.complexId)]).toEqual([null, null]);
    const before = s.w.done.size;
    s.fake.memberLeave(s.guild, s.chloe);
    await s.w.settledEvents(before, 2);
    expect([await roleOf(s, s.chloe, linde), await roleOf(s, s.chloe, second.complexId)]).toEqual([null, null]);
  });

  it('the last coordinator leaving the server: the channel is told, as on Telegram', async () => {
    // Erik (owner) and Anna (Manage Server) became coordinators at /koppel; both leave.
    for (const u of [s.erik, s.anna]) {
      const before = s.w.done.size;
      s.fake.memberLeave(s.guild, u);
      await s.w.settledEvents(before, 2);
    }
    expect(await roleOf(s, s.anna, linde)).toBeNull();
    await s.fake.until(() => /coördinator/i.test(text(s, last(s, s.channel))));
    expect(text(s, last(s, s.channel))).toContain('Anna de Vries');
  });

  it('Discord accepted every request', () => {
    expect(s.fake.invalidCalls()).toEqual([]);
  });
});

describe('Discord: without the GuildMembers intent (the default) joins and leaves do not arrive and nothing else changes', () => {
  let s: Server;
  beforeAll(async () => { s = await discordServer({ clock: new Date() }); }, 60_000);
  afterAll(async () => { await s.w.close(); });

  it('does not ask for the intent; member events are not sent to it; commands still work', async () => {
    expect(s.fake.gateway.identifies.at(-1)!.intents & GUILD_MEMBERS).toBe(0);
    const gerrit = s.fake.user('gerrit', { locale: 'nl' });
    expect(s.fake.memberJoin(s.guild, gerrit)).toBe(0);
    expect(s.fake.memberLeave(s.guild, s.bram)).toBe(0);
    const { code } = await joinCode(s.w, 'Zonder');
    await type(s.w, s.anna, s.channel, `/koppel ${code}`);
    expect(text(s, last(s, s.channel))).toMatch(/^Gelukt!/);
  });
});
