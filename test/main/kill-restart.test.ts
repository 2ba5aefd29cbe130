import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { daan } from '../adapters/telegram/setup.js';
import { testDatabase, type TestDatabase } from '../support/db.js';
import { FakeTelegram } from '../support/fake-telegram/server.js';
import { startBundled } from './spawn.js';

describe('the process is killed (SIGKILL) right after Telegram was told a command was handled', () => {
  let database: TestDatabase;
  let fake: FakeTelegram;
  beforeAll(async () => {
    database = await testDatabase();
    fake = await FakeTelegram.start();
  });
  afterAll(async () => {
    await fake.close();
    await database.close();
  });

  it('after a restart the reply is delivered, once, not before retry_after', async () => {
    const env = { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DATABASE_URL: database.url!, HTTP_PORT: '0', LOG_LEVEL: 'warn' };
    const first = startBundled(env);
    const dm = fake.privateChat(daan);
    try {
      await vi.waitFor(() => expect(fake.callsOf('getUpdates').length).toBeGreaterThan(0), { timeout: 20_000 });
      // Telegram refuses the reply for 4 s; the command itself is handled and committed with its reply queued.
      fake.fail('sendMessage', 429, { retryAfter: 4 });
      const refusedAt = Date.now();
      const update = fake.updates.push(fake.updates.text(daan, dm, '/start'));
      await fake.updates.handled(update, 20_000); // the offset moved past it: Telegram will not send it again
      first.child.kill('SIGKILL');
      await first.exited;
      expect(fake.sentTo(dm)).toHaveLength(0);

      const second = startBundled(env);
      try {
        await vi.waitFor(() => expect(fake.sentTo(dm)).toHaveLength(1), { timeout: 30_000, interval: 200 });
        expect(fake.sentTo(dm)[0]!.text).toContain('Hallo Daan Bakker!');
        expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(4000);
        await new Promise((r) => setTimeout(r, 1500));
        expect(fake.sentTo(dm)).toHaveLength(1);
      } finally {
        second.child.kill('SIGTERM');
        await second.exited;
      }
    } finally {
      if (first.child.exitCode === null) first.child.kill('SIGKILL');
    }
  }, 90_000);
});
