import { capabilities } from '../../src/capabilities.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdmin } from '../../src/admin/commands.js';
import { anna, bram, createHarness, type Harness } from '../support/harness.js';

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
