import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buttonsOf } from '../../support/fake-discord/server.js';
import { discordServer, last, linkedWithTask, text, type Server } from './setup.js';

/**
 * Discord wants a first answer to every interaction within 3 seconds. The adapter defers before any
 * database work, so even a database that takes 4 seconds keeps every interaction alive.
 */
describe('Discord: every interaction is answered within 3 s while the database is 4 s slow (real PostgreSQL)', () => {
  let s: Server;
  beforeAll(async () => {
    s = await discordServer({ clock: new Date() });
    await linkedWithTask(s);
  }, 60_000);
  afterAll(async () => { await s.w.close(); });

  it('a slash command, a button press and autocomplete all get their first response in time; the answers follow', async () => {
    const rota = last(s, s.channel);
    expect(buttonsOf(rota).length).toBeGreaterThan(0);
    // Another session holds the tables every event and every lookup needs, for 4 seconds.
    const blocker = postgres(s.w.database.url!, { max: 1, onnotice: () => {} });
    const locked = new Promise<void>((resolve, reject) => {
      blocker.begin(async (tx) => {
        await tx.unsafe('lock table processed_updates, chats in access exclusive mode');
        resolve();
        await new Promise((r) => setTimeout(r, 4000));
      }).catch(reject);
    });
    await locked;
    const started = Date.now();
    const command = s.fake.slash(s.bram, s.channel, 'rooster');
    const press = s.fake.press(s.chloe, rota, 'Neem: Trap');
    const suggest = s.fake.autocomplete(s.bram, s.channel, 'neem', 'taak', 'tr');
    await Promise.all([s.w.handled(command.id), s.w.handled(press.id), s.fake.until(() => suggest.callbacks.length > 0)]);
    for (const i of [command, press, suggest]) {
      expect(i.firstResponseAt! - i.createdAt).toBeLessThan(3000);
    }
    expect(command.callbacks.map((c) => c.type)).toEqual([5]);
    expect(press.callbacks.map((c) => c.type)).toEqual([6]);
    expect(suggest.callbacks[0]).toMatchObject({ type: 8 });
    // The answers themselves came after the database was back.
    expect(Date.now() - started).toBeGreaterThanOrEqual(3500);
    expect(text(s, last(s, s.channel))).toMatch(/^Chloé Martin doet Trap, za \d+ \w+ 10:00\. Dank je wel!$|— Trap/);
    const answered = s.fake.state.messages.find((m) => m.id === command.originalId)!;
    expect(text(s, answered)).toContain('— Trap');
    await blocker.end();
  });
});
