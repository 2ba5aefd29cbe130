import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { capabilities } from '../../../src/capabilities.js';
import type { Capability } from '../../../src/capability.js';
import { reply } from '../../../src/handler.js';
import { msg } from '../../../src/i18n/index.js';
import { anna, bram, telegramWorld, type TelegramWorld } from './setup.js';

/** A command whose handler takes its time (a slow query, a big export), until the test lets it go. */
let release: (() => void) | undefined;
let slowStarted = 0;
let gate = new Promise<void>((resolve) => { release = resolve; });
const slowCapability: Capability = {
  name: 'slow-test',
  commands: [{
    names: { nl: ['traag'], en: ['slow'] }, help: 'onboarding.help.help', requires: 'anyone',
    async run() {
      slowStarted++;
      await gate;
      return reply(msg('core.plain', { text: 'eindelijk klaar' }));
    },
  }],
};
function closeGate(): void {
  slowStarted = 0;
  gate = new Promise<void>((resolve) => { release = resolve; });
}

describe('Telegram long polling: chats in parallel, order kept within a chat (real PostgreSQL)', () => {
  let w: TelegramWorld;
  beforeAll(async () => { w = await telegramWorld({ capabilities: [slowCapability, ...capabilities] }); });
  afterAll(async () => { release?.(); await w.close(); });

  it('a slow handler in one chat holds up neither the next getUpdates nor another chat; its own chat waits in order', async () => {
    const u = w.fake.updates;
    const slowChat = w.fake.privateChat(anna);
    const otherChat = w.fake.privateChat(bram);
    const polls = () => w.fake.callsOf('getUpdates').length;
    u.push(u.text(anna, slowChat, '/traag'));
    await vi.waitFor(() => expect(slowStarted).toBe(1)); // Anna's command is being handled
    const pollsBefore = polls();
    // While Anna's command is still being handled: Bram is answered, and updates keep being fetched.
    u.push(u.text(bram, otherChat, '/start'));
    await vi.waitFor(() => expect(w.fake.sentTo(otherChat)).toHaveLength(1), { timeout: 5000 });
    expect(polls()).toBeGreaterThan(pollsBefore);
    // Anna's next message waits behind her slow one (one chat, one order).
    u.push(u.text(anna, slowChat, '/start'));
    await new Promise((r) => setTimeout(r, 300));
    expect(w.fake.sentTo(slowChat)).toHaveLength(0);
    release!();
    await vi.waitFor(() => expect(w.fake.sentTo(slowChat)).toHaveLength(2), { timeout: 5000 });
    expect(w.fake.sentTo(slowChat).map((m) => m.text.slice(0, 14))).toEqual(['eindelijk klaa', 'Hallo Anna de ']);
  });

  it('a button press is answered at once while every handler is busy and hundreds of updates wait; the rest follow', async () => {
    const u = w.fake.updates;
    await w.fake.say(bram, w.fake.privateChat(bram), '/start');
    const pressable = w.fake.sentTo(w.fake.privateChat(bram)).at(-1)!;
    closeGate();
    // 400 residents each start something slow in their own chat: more than the handlers running at once
    // (8) and more than one getUpdates batch (100).
    const residents = Array.from({ length: 400 }, (_, i) => ({ id: 50_000 + i, first_name: `Bewoner ${i}`, language_code: 'nl' }));
    u.pushBatch(residents.map((r) => u.text(r, w.fake.privateChat(r), '/traag')));
    await vi.waitFor(() => expect(slowStarted).toBe(8), { timeout: 10_000 });
    const pressedAt = performance.now();
    u.push(u.callback(bram, pressable, 'no-such-button'));
    await vi.waitFor(() => expect(w.fake.callsOf('answerCallbackQuery')).toHaveLength(1), { timeout: 5000, interval: 5 });
    expect(performance.now() - pressedAt).toBeLessThan(1000);
    // Answered before its turn to be handled: nobody had an answer yet, and at most 8 were at work.
    expect(slowStarted).toBeLessThanOrEqual(8);
    expect(residents.filter((r) => w.fake.sentTo(w.fake.privateChat(r)).length > 0)).toEqual([]);
    release!();
    await vi.waitFor(() => expect(residents.filter((r) => w.fake.sentTo(w.fake.privateChat(r)).length > 0)).toHaveLength(400), { timeout: 20_000 });
  });
});
