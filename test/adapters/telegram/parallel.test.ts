import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { capabilities } from '../../../src/capabilities.js';
import type { Capability } from '../../../src/capability.js';
import { reply } from '../../../src/handler.js';
import { msg } from '../../../src/i18n/index.js';
import { anna, bram, telegramWorld, type TelegramWorld } from './setup.js';

/** A command whose handler takes its time (a slow query, a big export), until the test lets it go. */
let release: (() => void) | undefined;
const slowCapability: Capability = {
  name: 'slow-test',
  commands: [{
    names: { nl: ['traag'], en: ['slow'] }, help: 'onboarding.help.help', requires: 'anyone',
    async run() {
      await new Promise<void>((resolve) => { release = resolve; });
      return reply(msg('core.plain', { text: 'eindelijk klaar' }));
    },
  }],
};

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
    await vi.waitFor(() => expect(release).toBeDefined()); // Anna's command is being handled
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
});
