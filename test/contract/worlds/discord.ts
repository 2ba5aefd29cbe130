import { createDiscordPlatform, type DiscordPlatform } from '../../../adapters/discord/index.js';
import { createBot, type Bot } from '../../../src/bot.js';
import { createCompleter } from '../../../src/bot/complete.js';
import { capabilities } from '../../../src/capabilities.js';
import { createLogger, silentLogger } from '../../../src/log.js';
import { startOutboxWorker, type OutboxWorker } from '../../../src/outbox/worker.js';
import type { InboundEvent } from '../../../src/platform.js';
import { testDatabase, type TestDatabase } from '../../support/db.js';
import { buttonsOf, FakeDiscord, type FakeDiscordUser, type FakeGuild, type FakeInteraction, type FakeMessage } from '../../support/fake-discord/server.js';
import { choices, visibleText } from '../../support/fake-discord/visible.js';
import { outboxDrained, realTime, type ContractWorld, type Place, type Seen, type Who } from '../world.js';

export interface DiscordWorld {
  fake: FakeDiscord;
  database: TestDatabase;
  bot: Bot;
  platform: DiscordPlatform;
  worker: OutboxWorker;
  /** Events the adapter handed to the bot, and those whose handling finished. */
  seen: InboundEvent[];
  done: Set<string>;
  inFlight(): number;
  /** Waits until the adapter has handed over and the bot has finished handling an event with this id. */
  handled(updateId: string): Promise<void>;
  /** Waits until `n` more events than `before` have been handled and nothing is in flight. */
  settledEvents(before: number, n: number): Promise<void>;
  close(): Promise<void>;
}

/** The real bot, outbox and database behind the real Discord adapter (discord.js) connected to the fake Discord. */
export async function discordWorld(opts: { database?: TestDatabase; messageContent?: boolean; guildMembers?: boolean; globalCommands?: boolean; shards?: { ids: number[]; count: number };
  fake?: FakeDiscord; now?: () => Date; openLinks?: { clientSecret: string; publicUrl: string } } = {}): Promise<DiscordWorld> {
  const fake = opts.fake ?? await FakeDiscord.start();
  const database = opts.database ?? await testDatabase();
  const log = process.env.DISCORD_TEST_LOG ? createLogger(process.env.DISCORD_TEST_LOG) : silentLogger;
  let poke = (): void => {};
  const now = opts.now ?? realTime;
  const bot = createBot({ db: database.db, log, capabilities, now, onQueued: () => poke() });
  const platform = createDiscordPlatform({
    token: fake.token, applicationId: fake.applicationId, apiRoot: fake.apiRoot, db: database.db, log, commands: bot.commands,
    complete: createCompleter(database.db, capabilities), messageContent: opts.messageContent, guildMembers: opts.guildMembers, globalCommands: opts.globalCommands, shards: opts.shards, now,
    openLinks: opts.openLinks,
  });
  bot.platforms.set('discord', platform);
  const worker = startOutboxWorker({ db: database.db, log, platforms: bot.platforms, limits: {}, pollMs: 50, sentMarks: bot.sentMarks });
  poke = () => worker.poke();
  const seen: InboundEvent[] = [];
  const done = new Set<string>();
  let inFlight = 0;
  await platform.start(async (event) => {
    seen.push(event);
    inFlight++;
    try {
      await bot.handle(platform, event);
    } finally {
      inFlight--;
      if (event.updateId) done.add(event.updateId);
    }
  });
  return {
    fake, database, bot, platform, worker, seen, done, inFlight: () => inFlight,
    handled: (id) => fake.until(() => done.has(id), 15_000, `event ${id} handled`),
    settledEvents: (before, n) => fake.until(() => done.size >= before + n && inFlight === 0, 15_000, `${n} events handled`),
    async close() {
      await worker.stop();
      await platform.stop();
      if (!opts.fake) await fake.close();
      if (!opts.database) await database.close();
    },
  };
}

/** One message as a person sees it in the contract's terms. */
export function toSeen(fake: FakeDiscord, m: FakeMessage): Seen {
  return {
    id: m.id, text: [visibleText(fake.state, m.content), m.poll?.question].filter(Boolean).join('\n'), buttons: choices(m), edited: m.edits > 0, ephemeral: Boolean(m.ephemeralFor),
    ...(m.poll ? { pollOptions: m.poll.answers } : {}),
  };
}

/** Types like a Discord user: "/name args" as the slash command with its options, anything else as a message mentioning the bot. */
export async function type(w: DiscordWorld, user: FakeDiscordUser, channelId: string, text: string): Promise<FakeInteraction | null> {
  const slash = /^\/(\S+)\s*([\s\S]*)$/.exec(text);
  const guildId = w.fake.state.channelGuild.get(channelId) ?? '';
  const cmd = slash ? (w.fake.state.commands.get(guildId) ?? []).find((c) => c.name === slash[1] || Object.values((c.name_localizations ?? {})).includes(slash[1])) : undefined;
  if (!slash || !cmd) {
    // No slash command here (a DM without global commands): typed as a message, which the adapter reads as a command too.
    const id = w.fake.say(user, channelId, guildId ? `<@${w.fake.state.bot.id}> ${text}` : text);
    await w.handled(id);
    return null;
  }
  const [, name, args] = slash as unknown as [string, string, string];
  const hasText = ((cmd?.options ?? []) as { name: string }[]).some((o) => o.name === 'text');
  const i = w.fake.slash(user, channelId, name, args ? (hasText ? { text: args } : { task: args }) : {});
  await w.handled(i.id);
  return i;
}

/** The contract world: a server owned by Anna (so she may manage it) with Bram as a member, one channel. */
export async function discordContractWorld(): Promise<ContractWorld> {
  const fake = await FakeDiscord.start();
  const anna = fake.user('anna', { globalName: 'Anna de Vries', locale: 'nl' });
  const bram = fake.user('bram', { globalName: 'Bram Jansen', locale: 'nl' });
  const guild: FakeGuild = fake.guild('Hofje Contract', { owner: anna, members: [bram], channels: ['bewoners'] });
  const w = await discordWorld({ fake });
  await fake.until(() => (fake.state.commands.get(guild.id)?.length ?? 0) > 0, 10_000, 'commands registered');
  const people: Record<Who, FakeDiscordUser> = { admin: anna, resident: bram };
  const channelOf = (who: Who, where: Place) => (where === 'group' ? fake.channel(guild, 'bewoners') : fake.dmChannel(people[who]));
  const visible = (who: Who, where: Place) => fake.visible(channelOf(who, where), people[who]).filter((m) => !(m.thinking && !m.content));
  const votes = new Map<string, number>();
  const submitted = new Set<string>();
  type Modal = { title: string; custom_id: string; components: { components: { custom_id: string; label: string; value?: string }[] }[] };
  const openModal = (who: Who) => {
    const i = [...fake.state.interactions.values()].reverse()
      .find((x) => x.userId === people[who].id && x.callbacks[0]?.type === 9 && !submitted.has(x.id));
    return i ? { interaction: i, modal: i.callbacks[0]!.data as unknown as Modal } : null;
  };

  return {
    platform: w.platform,
    db: w.database.db,
    async say(who, where, text) { await type(w, people[who], channelOf(who, where), text); },
    async press(who, where, label) {
      const m = [...visible(who, where)].reverse().find((x) => choices(x).some((l) => l.includes(label)));
      if (!m) throw new Error(`no button "${label}" for ${who} in ${where}`);
      const i = buttonsOf(m).some((b) => b.label.includes(label)) ? fake.press(people[who], m, label) : fake.select(people[who], m, label);
      await w.handled(i.id);
    },
    async vote(who, option) {
      const poll = [...visible(who, 'group')].reverse().find((m) => m.poll);
      if (!poll) throw new Error('no poll in the group');
      const key = `${poll.id}:${people[who].id}`;
      const before = w.done.size;
      const previous = votes.get(key);
      // Changing a vote: Discord removes the old answer, then adds the new one.
      if (previous !== undefined) fake.vote(people[who], poll, previous, true);
      fake.vote(people[who], poll, option);
      votes.set(key, option);
      await w.settledEvents(before, previous !== undefined ? 2 : 1);
    },
    seen: (who, where) => visible(who, where).map((m) => toSeen(fake, m)),
    openForm(who) {
      const open = openModal(who);
      if (!open) return null;
      return { title: open.modal.title, fields: open.modal.components.map((r) => ({ label: r.components[0]!.label, value: r.components[0]!.value ?? '' })) };
    },
    async submitForm(who, values) {
      const open = openModal(who);
      if (!open) throw new Error(`no form open for ${who}`);
      const ids = open.modal.components.map((r) => r.components[0]!.custom_id);
      submitted.add(open.interaction.id);
      const i = fake.submitModal(people[who], open.interaction, Object.fromEntries(ids.map((id, k) => [id, values[k] ?? ''])));
      await w.handled(i.id);
    },
    failNextSend(seconds) { fake.fail(/^(POST \/channels\/\d+\/messages|POST \/webhooks\/|PATCH \/webhooks\/)/, 429, { retryAfter: seconds }); },
    settle: () => outboxDrained(w.database.db),
    close: () => w.close(),
    refused: () => fake.invalidCalls().map((c) => `${c.method} ${c.path}: ${(c.problems ?? []).join('; ')}`),
  };
}
