import { capabilities } from '../../src/capabilities.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { runAdmin } from '../../src/admin/commands.js';
import { chats, complexMembers, people } from '../../src/db/schema/index.js';
import { anna, bram, chloe, createHarness, daan, type Harness } from '../support/harness.js';

async function admin(h: Harness, ...argv: string[]): Promise<string[]> {
  const lines: string[] = [];
  await runAdmin({ db: h.database.db, now: h.clock.now, lang: 'en', out: (l) => lines.push(l), capabilities }, argv);
  return lines;
}

describe('onboarding, end to end through the fake platform', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness(); });
  afterAll(async () => { await h.close(); });

  it('links a group with a code from the admin CLI; admins become coordinators; /taal en switches replies', async () => {
    expect(await admin(h, 'corporation', 'create', 'Woonstede')).toEqual(['Corporation 1 created: Woonstede']);
    expect(await admin(h, 'complex', 'create', 'De Linde', '--corporation', '1')).toEqual(['Complex 1 created: De Linde']);
    const [issued] = await admin(h, 'code', 'issue', '--complex', '1');
    const code = /Join code (\S+)/.exec(issued!)![1]!;

    h.fake.group('g1', 'Bewoners De Linde', [anna, bram]);
    // Before setup: a command explains how to set up.
    const [before] = await h.fake.say(chloe, 'g1', '/help');
    expect(before!.text).toContain('/setup <code>');

    const [linked] = await h.fake.say(anna, 'g1', `/koppel ${code.toLowerCase().replace('-', ' ')}`);
    expect(linked!.text).toContain('gekoppeld aan De Linde');
    expect(linked!.text).toContain('Anna de Vries, Bram Jansen');

    const members = await h.database.db.select({ name: people.displayName, role: complexMembers.role })
      .from(complexMembers).innerJoin(people, eq(people.id, complexMembers.personId));
    expect(members.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'Anna de Vries', role: 'coordinator' }, { name: 'Bram Jansen', role: 'coordinator' },
    ]);

    // The code was single-use: a second group cannot use it.
    h.fake.group('g2', 'Other group', [daan]);
    const [reused] = await h.fake.say(daan, 'g2', `/setup ${code}`);
    expect(reused!.text).toContain('is al gebruikt');
    expect(await h.database.db.select().from(chats)).toHaveLength(1);

    // Language switch for one person only: what the bot says to her alone; the group keeps its language.
    const [taal] = await h.fake.say(anna, 'g1', '/taal en');
    expect(taal!.text).toBe('From now on I will talk to you in English.');
    const [helpAnna] = await h.fake.say(anna, 'dm:u-anna', '/hulp');
    expect(helpAnna!.text).toContain('This is what I can do for you');
    expect(helpAnna!.text).toContain('For coordinators:');
    const [helpInGroup] = await h.fake.say(anna, 'g1', '/hulp');
    expect(helpInGroup!.text).toContain('Dit kan ik voor je doen');
    const [helpBram] = await h.fake.say(bram, 'g1', '/help');
    expect(helpBram!.text).toContain('Dit kan ik voor je doen');
  });

  it('coordinators promote and demote; residents cannot', async () => {
    await h.fake.say(daan, 'g1', 'hallo allemaal');
    const [refused] = await h.fake.say(daan, 'g1', '/coordinator @daan');
    expect(refused!.text).toContain('Dit kan alleen een coördinator');
    const [promoted] = await h.fake.say(bram, 'g1', '/coordinator @daan');
    expect(promoted!.text).toBe('Daan Bakker is nu coördinator.');
    const [demoted] = await h.fake.say(bram, 'g1', '/bewoner daan');
    expect(demoted!.text).toBe('Daan Bakker is nu bewoner.');
    const [unknown] = await h.fake.say(bram, 'g1', '/coordinator @nobody');
    expect(unknown!.text).toContain('Ik vind niemand met de naam @nobody');
  });

  it('registers a self-organised complex from a group without a code (group admins only)', async () => {
    h.fake.group('g3', 'Hofje Zonnehoek', [chloe]);
    const [offer] = await h.fake.say(chloe, 'g3', '/setup');
    expect(offer!.buttons.flat().map((b) => b.label)).toEqual(['Register a new complex']);
    const [notAdmin] = await h.fake.press(daan, 'g3', 'setup:register', offer!.messageId);
    expect(notAdmin!.text).toContain('Alleen een beheerder');
    const [done] = await h.fake.press(chloe, 'g3', 'setup:register', offer!.messageId);
    expect(done!.text).toContain('New complex Hofje Zonnehoek registered');
    const [again] = await h.fake.say(chloe, 'g3', '/setup');
    expect(again!.text).toContain('already linked to Hofje Zonnehoek');
  });
});
