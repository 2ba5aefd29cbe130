import { anna, bram, telegramWorld } from '../../adapters/telegram/setup.js';
import type { BotMessage, FakeChat, FakeUser } from '../../support/fake-telegram/server.js';
import { outboxDrained, realTime, type ContractWorld, type Place, type Seen, type Who } from '../world.js';

/** The real Telegram adapter (telegraf, long polling) against the fake Bot API, the real bot behind it. */
export async function telegramContractWorld(): Promise<ContractWorld> {
  const w = await telegramWorld();
  // Real time, so retry_after is honoured in real time by the outbox worker.
  Object.defineProperty(w.clock, 'now', { get: realTime });
  const people: Record<Who, FakeUser> = { admin: anna, resident: bram };
  const group = w.fake.group('Hofje Contract', { admins: [anna] });
  const dms: Record<Who, FakeChat> = { admin: w.fake.privateChat(anna), resident: w.fake.privateChat(bram) };
  const chatOf = (who: Who, where: Place): FakeChat => (where === 'group' ? group : dms[who]);
  const toSeen = (m: BotMessage): Seen => ({
    id: String(m.messageId), text: m.text, buttons: m.buttons.flat().map((b) => b.text), edited: m.edits > 0, ephemeral: false,
    ...(m.pollId ? { pollOptions: w.fake.state.polls.get(m.pollId)?.options ?? [] } : {}),
  });

  return {
    platform: w.platform,
    db: w.database.db,
    async say(who, where, text) {
      // In a group, commands name the bot as Telegram clients do when several bots are present.
      const addressed = where === 'group' && text.startsWith('/') ? text.replace(/^(\/\S+)/, '$1@zelfbeheer_test_bot') : text;
      await w.fake.say(people[who], chatOf(who, where), addressed);
    },
    async press(who, where, label) { await w.fake.press(people[who], chatOf(who, where), label); },
    async vote(who, option) {
      const poll = [...w.fake.sentTo(group)].reverse().find((m) => m.pollId);
      if (!poll) throw new Error('no poll in the group');
      await w.fake.vote(people[who], poll.pollId!, [option]);
    },
    seen(who, where) { return w.fake.sentTo(chatOf(who, where)).map(toSeen); },
    failNextSend(seconds) { w.fake.fail('sendMessage', 429, { retryAfter: seconds }); },
    settle: () => outboxDrained(w.database.db),
    close: () => w.close(),
  };
}
