import { capabilities } from '../../src/capabilities.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../src/admin/commands.js';
import {
  auditLog, chats, complexes, complexMembers, identities, identityLinkCodes, joinCodes, people,
} from '../../src/db/schema/index.js';
import { inParallel } from '../support/db.js';
import { FakePlatform, type FakeUser } from '../support/fake-platform.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';

/** Anna's account on the second platform (think: her Discord next to her Telegram). */
const annaOnConsole: FakeUser = { id: 'c-anna', name: 'anna_v', username: 'anna_v', language: 'en' };
const bramOnConsole: FakeUser = { id: 'c-bram', name: 'Bram J', username: 'bramj', language: 'en-GB' };

async function issueCode(h: Harness, complexId: number): Promise<string> {
  const lines: string[] = [];
  await runAdmin({ db: h.database.db, now: h.clock.now, lang: 'en', capabilities, out: (l) => lines.push(l) },
    ['code', 'issue', '--complex', String(complexId)]);
  return /Join code (\S+)/.exec(lines[0]!)![1]!;
}

async function identitiesOf(h: Harness, personId: number): Promise<string[]> {
  const rows = await h.database.db.select().from(identities).where(eq(identities.personId, personId));
  return rows.map((i) => `${i.platform}:${i.platformUserId}`).sort();
}

describe('one person on two platforms (/koppelaccount, /linkaccount)', () => {
  let h: Harness;
  let second: FakePlatform;

  beforeAll(async () => {
    h = await createHarness();
    second = new FakePlatform(h.bot, 'console');
    const io = { db: h.database.db, now: h.clock.now, lang: 'en' as const, capabilities, out: () => {} };
    await runAdmin(io, ['complex', 'create', 'De Linde']);
    await runAdmin(io, ['complex', 'create', 'Hofje Zonnehoek']);
    // Anna coordinates De Linde on 'fake'; on 'console' she is a resident of the Hofje.
    h.fake.group('g1', 'Bewoners De Linde', [anna]);
    await h.fake.say(anna, 'g1', `/koppel ${await issueCode(h, 1)}`);
    second.group('c1', 'Hofje', [bramOnConsole]);
    await second.say(bramOnConsole, 'c1', `/setup ${await issueCode(h, 2)}`);
    await second.say(annaOnConsole, 'c1', 'hello neighbours');
    // De Linde also has a group on 'console', where Anna is only a resident so far.
    second.group('c-linde', 'De Linde (tweede platform)', [bramOnConsole]);
    await second.say(bramOnConsole, 'c-linde', `/setup ${await issueCode(h, 1)}`);
    await second.say(annaOnConsole, 'c-linde', 'hoi');
  });
  afterAll(async () => { await h.close(); });

  it('links the second identity to the person who asked for the code; memberships are merged', async () => {
    const [codeMsg] = await h.fake.say(anna, 'g1', '/koppelaccount');
    // The code goes by direct message, never into the group.
    expect(codeMsg!.toUser).toBe('u-anna');
    expect(h.fake.inChat('g1').at(-1)!.text).not.toContain('koppelcode');
    const code = /koppelcode is (\S+)/.exec(codeMsg!.text)![1]!;
    const [asker] = await h.database.db.select().from(identities).where(eq(identities.platformUserId, 'u-anna'));
    const [other] = await h.database.db.select().from(identities).where(eq(identities.platformUserId, 'c-anna'));
    expect(asker!.personId).not.toBe(other!.personId);
    const before = await h.database.db.select({ complexId: complexMembers.complexId, role: complexMembers.role })
      .from(complexMembers).where(eq(complexMembers.personId, other!.personId)).orderBy(complexMembers.complexId);
    expect(before).toEqual([{ complexId: 1, role: 'resident' }, { complexId: 2, role: 'resident' }]);

    const [done] = await second.say(annaOnConsole, 'dm:c-anna', `/linkaccount ${code.toLowerCase()}`);
    expect(done!.text).toBe('Done! Your accounts are linked: I now know you on both platforms as Anna de Vries.');

    const kept = asker!.personId;
    expect(await identitiesOf(h, kept)).toEqual(['console:c-anna', 'fake:u-anna']);
    expect(await h.database.db.select().from(people).where(eq(people.id, other!.personId))).toEqual([]);
    const memberships = await h.database.db.select({ complexId: complexMembers.complexId, role: complexMembers.role })
      .from(complexMembers).where(eq(complexMembers.personId, kept)).orderBy(complexMembers.complexId);
    // De Linde on both platforms: one membership, keeping the higher role.
    expect(memberships).toEqual([{ complexId: 1, role: 'coordinator' }, { complexId: 2, role: 'resident' }]);
    const [audited] = await h.database.db.select().from(auditLog).where(eq(auditLog.action, 'identity.linked'));
    expect(audited).toMatchObject({ actorPersonId: kept, data: { platform: 'console' } });

    // From now on both identities are one person: the coordinator role in De Linde counts from either.
    const [members] = await second.say(annaOnConsole, 'dm:c-anna', '/members');
    expect(members!.text).toMatch(/Members of (De Linde|Hofje Zonnehoek):/);
    // The code was used up.
    expect(await h.database.db.$count(identityLinkCodes)).toBe(0);
    const [reused] = await second.say(bramOnConsole, 'dm:c-bram', `/linkaccount ${code}`);
    expect(reused!.text).toContain('That link code is wrong or has expired');
  });

  it('refuses a wrong code, an expired code, and a code from the same platform', async () => {
    const [wrong] = await second.say(bramOnConsole, 'dm:c-bram', '/linkaccount ABCD-EFGH');
    expect(wrong!.text).toBe('That link code is wrong or has expired. Ask for a new one on your other account with /linkaccount.');

    const [codeMsg] = await h.fake.say(bram, 'dm:u-bram', '/koppelaccount');
    const code = /koppelcode is (\S+)/.exec(codeMsg!.text)![1]!;
    // Someone on the same platform cannot take it over; the refusal leaves the code usable.
    const [samePlatform] = await h.fake.say(daan, 'dm:u-daan', `/koppelaccount ${code}`);
    expect(samePlatform!.text).toContain('Die code is van een account op hetzelfde platform');

    h.clock.now = new Date(h.clock.now.getTime() + 31 * 60_000);
    const [expired] = await second.say(bramOnConsole, 'dm:c-bram', `/linkaccount ${code}`);
    expect(expired!.text).toContain('That link code is wrong or has expired');
    const bramPeople = await h.database.db.select().from(identities).where(eq(identities.platformUserId, 'c-bram'));
    expect(await identitiesOf(h, bramPeople[0]!.personId)).toEqual(['console:c-bram']);

    // A fresh code within its 30 minutes works. Bram chose English on his second account.
    await second.say(bramOnConsole, 'dm:c-bram', '/language en');
    const [fresh] = await h.fake.say(bram, 'dm:u-bram', '/koppelaccount');
    const freshCode = /koppelcode is (\S+)/.exec(fresh!.text)![1]!;
    h.clock.now = new Date(h.clock.now.getTime() + 29 * 60_000);
    const [linked] = await second.say(bramOnConsole, 'dm:c-bram', `/linkaccount ${freshCode}`);
    expect(linked!.text).toContain('I now know you on both platforms as Bram Jansen');
    // His language choice survives the merge and now holds on both platforms.
    const [helpOnFirst] = await h.fake.say(bram, 'dm:u-bram', '/hulp');
    expect(helpOnFirst!.text).toContain('This is what I can do for you:');
    // Linking again with a new code: already one person.
    const [again] = await second.say(bramOnConsole, 'dm:c-bram', '/linkaccount');
    const againCode = /link code is (\S+)/.exec(again!.text)![1]!;
    const [same] = await h.fake.say(bram, 'dm:u-bram', `/koppelaccount ${againCode}`);
    expect(same!.text).toBe('These accounts are already linked.');
  });
});

describe('join codes under concurrency', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('two groups redeeming one single-use code at the same instant: exactly one is linked', async () => {
    await runAdmin({ db: h.database.db, now: h.clock.now, lang: 'en', capabilities, out: () => {} }, ['complex', 'create', 'De Linde']);
    const code = await issueCode(h, 1);
    const admins = [anna, bram, daan, { id: 'u-eva', name: 'Eva Smit' }];
    admins.forEach((a, i) => h.fake.group(`race-${i}`, `Groep ${i}`, [a]));
    const outcomes = await inParallel(admins.length, (i) => h.fake.say(admins[i]!, `race-${i}`, `/koppel ${code}`));
    expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
    const answers = admins.map((_, i) => h.fake.inChat(`race-${i}`).map((s) => s.text).join('\n'));
    expect(answers.filter((a) => a.includes('Gelukt! Deze groep is nu gekoppeld aan De Linde'))).toHaveLength(1);
    expect(answers.filter((a) => a.includes('is al gebruikt'))).toHaveLength(admins.length - 1);
    expect(await h.database.db.$count(chats)).toBe(1);
    expect(await h.database.db.$count(complexMembers, eq(complexMembers.role, 'coordinator'))).toBe(1);
  });

  it('the same group sending /koppel twice at once is linked once and told so; the code keeps its other use', async () => {
    const lines: string[] = [];
    await runAdmin({ db: h.database.db, now: h.clock.now, lang: 'en', capabilities, out: (l) => lines.push(l) },
      ['code', 'issue', '--complex', '1', '--uses', '2']);
    const code = /Join code (\S+)/.exec(lines[0]!)![1]!;
    h.fake.group('twice', 'Dubbel', [anna]);
    const outcomes = await inParallel(2, () => h.fake.say(anna, 'twice', `/koppel ${code}`));
    expect(outcomes.every((o) => o.status === 'fulfilled')).toBe(true);
    const texts = h.fake.inChat('twice').map((s) => s.text);
    expect(texts).toHaveLength(2);
    expect(texts.filter((t) => t.includes('Gelukt! Deze groep is nu gekoppeld aan De Linde'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('Deze groep is al gekoppeld aan De Linde'))).toHaveLength(1);
    expect(await h.database.db.$count(chats, eq(chats.platformChatId, 'twice'))).toBe(1);
    const [row] = await h.database.db.select().from(joinCodes).where(eq(joinCodes.code, code));
    expect(row!.usesLeft).toBe(1);
  });

  it('a double press on "register a new complex" registers one complex', async () => {
    h.fake.group('double', 'Hofje Dubbelklik', [chloe]);
    const [offer] = await h.fake.say(chloe, 'double', '/setup');
    const complexesBefore = await h.database.db.$count(complexes);
    await inParallel(2, () => h.fake.press(chloe, 'double', 'setup:register', offer!.messageId));
    const texts = h.fake.inChat('double').slice(1).map((s) => s.text);
    expect(texts).toHaveLength(2);
    expect(texts.filter((t) => t.includes('New complex Hofje Dubbelklik registered'))).toHaveLength(1);
    expect(texts.filter((t) => t.includes('This group is already linked to Hofje Dubbelklik'))).toHaveLength(1);
    expect(await h.database.db.$count(complexes)).toBe(complexesBefore + 1);
  });

  it('a code with two uses links two groups, never three', async () => {
    const lines: string[] = [];
    await runAdmin({ db: h.database.db, now: h.clock.now, lang: 'en', capabilities, out: (l) => lines.push(l) },
      ['code', 'issue', '--complex', '1', '--uses', '2']);
    const code = /Join code (\S+)/.exec(lines[0]!)![1]!;
    const admins: FakeUser[] = Array.from({ length: 5 }, (_, i) => ({ id: `u-admin-${i}`, name: `Beheerder ${i}` }));
    admins.forEach((a, i) => h.fake.group(`two-${i}`, `Twee ${i}`, [a]));
    await inParallel(admins.length, (i) => h.fake.say(admins[i]!, `two-${i}`, `/koppel ${code}`));
    const linked = admins.filter((_, i) => h.fake.inChat(`two-${i}`).some((s) => s.text.includes('Gelukt!')));
    expect(linked).toHaveLength(2);
    expect(await h.database.db.$count(chats, eq(chats.platformChatId, 'two-0'))
      + await h.database.db.$count(chats, eq(chats.platformChatId, 'two-1'))
      + await h.database.db.$count(chats, eq(chats.platformChatId, 'two-2'))
      + await h.database.db.$count(chats, eq(chats.platformChatId, 'two-3'))
      + await h.database.db.$count(chats, eq(chats.platformChatId, 'two-4'))).toBe(2);
  });
});
