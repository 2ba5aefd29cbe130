import { capabilities } from '../../src/capabilities.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../src/admin/commands.js';
import { anna, bram, createHarness, type Harness } from '../support/harness.js';
import { seedCorporation } from '../support/complex-kit.js';

describe('/hulp shows what this person can use here', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    const out: string[] = [];
    const io = { db: h.database.db, now: h.clock.now, lang: 'en' as const, capabilities, out: (l: string) => out.push(l) };
    await runAdmin(io, ['complex', 'create', 'De Linde']);
    await runAdmin(io, ['code', 'issue', '--complex', '1']);
    h.fake.group('g1', 'Bewoners', [anna]);
    await h.fake.say(anna, 'g1', `/koppel ${/Join code (\S+)/.exec(out.at(-1)!)![1]!}`);
  });
  afterAll(async () => { await h.close(); });

  it('a resident sees no coordinator commands and no /koppel in a linked group', async () => {
    const [help] = await h.fake.say(bram, 'g1', '/hulp');
    expect(help!.text).toContain('/rooster –');
    expect(help!.text).not.toContain('/mededeling');
    expect(help!.text).not.toContain('/koppel –');
    expect(help!.text).not.toContain('Voor coördinatoren');
  });

  it('a coordinator finds /mededeling under the coordinator commands', async () => {
    const [help] = await h.fake.say(anna, 'g1', '/hulp');
    const [, coordinatorPart] = help!.text.split('Voor coördinatoren:');
    expect(coordinatorPart).toContain('/mededeling – bericht aan alle chats van het complex');
    expect(coordinatorPart).toContain('/coordinator –');
  });
});

describe('/hulp and the general answer for someone who is no resident', () => {
  let h: Harness;
  const lotte = { id: 'u-lotte', name: 'Lotte (Woonstede)', username: 'lotte' };
  const newcomer = { id: 'u-nina', name: 'Nina Nieuw', username: 'nina' };
  beforeAll(async () => {
    h = await createHarness();
    await seedCorporation(h, { a: [anna, bram], coordinatorsA: [anna], liaison: lotte });
  });
  afterAll(async () => { await h.close(); });

  it('without a complex, by DM: no complex commands and no /koppel ("this group") — only what works there', async () => {
    const [help] = await h.fake.say(newcomer, `dm:${newcomer.id}`, '/hulp');
    expect(help!.text).toContain('/taal –');
    for (const absent of ['/rooster –', '/leen –', '/meld –', '/koppel –']) expect(help!.text).not.toContain(absent);
    const [resident] = await h.fake.say(bram, `dm:${bram.id}`, '/hulp');
    expect(resident!.text).toContain('/rooster –');
  });

  it('the corporation\'s liaison: their own commands in the help, and a general answer about reports, not about joining', async () => {
    const [help] = await h.fake.say(lotte, `dm:${lotte.id}`, '/hulp');
    expect(help!.text).toContain('/vera –');
    expect(help!.text).not.toContain('/rooster –');
    const [general] = await h.fake.say(lotte, `dm:${lotte.id}`, 'hoe gaat het met de schoonmaak?');
    expect(general!.text).toMatch(/^Je bent contactpersoon van de corporatie\. Meldingen die bewoners naar de corporatie sturen komen hier binnen/);
    const [other] = await h.fake.say(newcomer, `dm:${newcomer.id}`, 'hallo');
    expect(other!.text).toContain('Je hoort nog niet bij een complex.');
  });
});
