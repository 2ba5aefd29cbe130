import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUser } from '../../support/fake-telegram/server.js';
import { telegramWorld, type TelegramWorld } from './setup.js';

describe('Telegram adapter under a burst (real PostgreSQL)', () => {
  let w: TelegramWorld;
  beforeAll(async () => { w = await telegramWorld(); });
  afterAll(async () => { await w.close(); });

  it('answers 200 messages from 20 private chats in one batch, each chat in order', async () => {
    const users: FakeUser[] = Array.from({ length: 20 }, (_, i) => ({ id: 500 + i, first_name: `Bewoner ${i}`, language_code: 'nl' }));
    const u = w.fake.updates;
    const bodies = [];
    for (let round = 0; round < 10; round++) {
      for (const user of users) bodies.push(u.text(user, w.fake.privateChat(user), round % 2 === 0 ? '/start' : '/help'));
    }
    const started = performance.now();
    const batch = u.pushBatch(bodies);
    await Promise.all(batch.map((b) => u.handled(b, 20_000)));
    const ms = performance.now() - started;
    for (const user of users) {
      const replies = w.fake.sentTo(user.id).map((m) => m.text.slice(0, 5));
      expect(replies).toEqual(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? 'Hallo' : 'Dit k')));
    }
    console.info(`telegram burst: 200 updates in one batch handled in ${Math.round(ms)} ms`);
  });
});
