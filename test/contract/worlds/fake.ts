import { createBot } from '../../../src/bot.js';
import { capabilities } from '../../../src/capabilities.js';
import { silentLogger } from '../../../src/log.js';
import { startOutboxWorker } from '../../../src/outbox/worker.js';
import { PlatformError } from '../../../src/platform.js';
import { testDatabase } from '../../support/db.js';
import { FakePlatform, type FakeUser } from '../../support/fake-platform.js';
import { outboxDrained, realTime, type ContractWorld, type Place, type Seen, type Who } from '../world.js';

const people: Record<Who, FakeUser> = {
  admin: { id: 'u-anna', name: 'Anna de Vries', username: 'anna', language: 'nl' },
  resident: { id: 'u-bram', name: 'Bram Jansen', username: 'bram', language: 'nl' },
};

/** The in-process fake platform (test/support/fake-platform.ts) behind the real bot and outbox. */
export async function fakeWorld(): Promise<ContractWorld> {
  const database = await testDatabase();
  let poke = (): void => {};
  const bot = createBot({ db: database.db, log: silentLogger, capabilities, now: realTime, onQueued: () => poke() });
  const fake = new FakePlatform(bot);
  bot.platforms.set('fake', fake);
  fake.group('g1', 'Hofje Contract', [people.admin]);
  const worker = startOutboxWorker({ db: database.db, log: silentLogger, platforms: bot.platforms, limits: {}, pollMs: 50, sentMarks: bot.sentMarks });
  poke = () => worker.poke();
  const chatOf = (who: Who, where: Place) => (where === 'group' ? 'g1' : `dm:${people[who].id}`);

  const world: ContractWorld = {
    platform: fake,
    db: database.db,
    async say(who, where, text) { await fake.say(people[who], chatOf(who, where), text); },
    async press(who, where, label) {
      const message = [...world.seen(who, where)].reverse().find((s) => s.buttons.some((b) => b.includes(label)));
      const sent = fake.sent.filter((s) => s.messageId === message?.id).at(-1);
      const button = sent?.buttons.flat().find((b) => b.label.includes(label));
      if (!message || !button) throw new Error(`no button "${label}" for ${who} in ${where}`);
      await fake.press(people[who], chatOf(who, where), button.action, message.id);
    },
    async vote() { throw new Error('the fake platform has no native polls'); },
    seen(who, where) {
      const chatId = chatOf(who, where);
      const visible = fake.sent.filter((s) => s.chatId === chatId && (where === 'dm' || !s.toUser || (s.ephemeral && s.toUser === people[who].id)));
      const byId = new Map<string, Seen>();
      for (const s of visible) {
        byId.set(s.messageId, {
          id: s.messageId, text: s.text, buttons: s.buttons.flat().map((b) => b.label), edited: s.edited, ephemeral: s.ephemeral ?? false,
        });
      }
      return [...byId.values()];
    },
    failNextSend(seconds) { fake.failWith.push(new PlatformError('Too Many Requests', 'rate_limited', seconds * 1000)); },
    settle: () => outboxDrained(database.db),
    async close() { await worker.stop(); await database.close(); },
  };
  return world;
}
