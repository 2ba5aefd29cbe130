import {
  Client, GatewayIntentBits, Partials, PermissionFlagsBits, Routes, type Guild, type Interaction, type Message,
  type SendableChannels,
} from 'discord.js';
import {
  HandleLaterError, respondBySending, type ChatPlatform, type InboundEvent, type OutboundMessage, type OutboundPoll, type PlatformSupport,
  type ReplyTarget, type RespondMode, type SentRef, type UserRef,
} from '../../src/platform.js';
import { decodeCallbackData } from '../telegram/callback.js';
import { KeyedQueue } from '../telegram/ordering.js';
import { slashCommands } from './commands.js';
import { components } from './components.js';
import { isExpiredInteraction, toPlatformError } from './errors.js';
import { LIMITS, renderContent, splitContent } from './format.js';
import { chatRef, interactionEvent, messageEvent, parseHandle, userRef } from './inbound.js';
import { answerInteraction, tokenAlive, type Payload } from './interaction-reply.js';
import { listenToMembers } from './members.js';
import { FirstResponse, modalData, modalEvent, OPEN_FORM_PREFIX, openStoredForm, withOpenButton } from './modal.js';
import { createOpenRoute, openLink, OPEN_PATH, type DiscordUserInfo } from './open-link.js';
import type { DiscordOptions } from './options.js';
import { expireNativePoll, postNativePoll } from './polls.js';
import { openThread } from './thread.js';

export type { DiscordOptions } from './options.js';

/** Autocomplete answers within this, whatever the database does. */
const AUTOCOMPLETE_WITHIN_MS = 2000;
/** A database outage: the interaction is kept and handled again (Discord does not redeliver). */
const RETRY_LATER_MS = 2000;
/**
 * The core's answer may be a modal if it comes within this; later the interaction is deferred. Discord allows
 * 3 s from its side, of which the way here and the deferral itself take a part: 1.5 s leaves room for a slow network.
 */
const FIRST_RESPONSE_WITHIN_MS = 1500;

export class DiscordPlatform implements ChatPlatform {
  readonly name = 'discord' as const;
  readonly supports: PlatformSupport;
  readonly client: Client;
  private readonly queue = new KeyedQueue();
  /** Command interactions whose deferred reply has been filled (the next answer is a follow-up). */
  private readonly answered = new Set<string>();
  /** Interactions not yet acknowledged while the core handles them: a form may still open as a modal. */
  private readonly firsts = new Map<string, FirstResponse>();
  /** Interactions answered with a modal: their token carries no further answers (those go to the channel). */
  private readonly modalAnswered = new Set<string>();
  private onEvent: ((e: InboundEvent) => Promise<void>) | undefined;
  private readonly now: () => Date;

  constructor(private readonly opts: DiscordOptions) {
    this.now = opts.now ?? (() => new Date());
    this.supports = { ephemeral: true, nativePolls: opts.nativePolls ?? true, modals: true, maxTextLength: LIMITS.content, markup: 'markdown' };
    const intents = [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages,
      GatewayIntentBits.GuildMessagePolls, GatewayIntentBits.DirectMessagePolls, ...(opts.messageContent ? [GatewayIntentBits.MessageContent] : []), ...(opts.guildMembers ? [GatewayIntentBits.GuildMembers] : [])];
    this.client = new Client({
      intents,
      // DM channels are not cached before their first message.
      // A member who leaves is often not cached: GuildMember partials still carry the user.
      partials: [Partials.Channel, Partials.Message, ...(opts.guildMembers ? [Partials.GuildMember] : [])],
      allowedMentions: { parse: [], repliedUser: false },
      rest: {
        ...(opts.apiRoot ? { api: opts.apiRoot } : {}),
        retries: 1,
        // A 429 on a send surfaces (the outbox waits retry_after); interaction callbacks must not wait.
        rejectOnRateLimit: (data) => !data.route.startsWith('/interactions'),
      },
      // 'auto': as many shards as Discord recommends (GET /gateway/bot), all in this process.
      ...(opts.shards ? { shards: opts.shards.ids, shardCount: opts.shards.count } : { shards: 'auto' as const }),
    });
  }

  // ---- inbound ----

  async start(onEvent: (e: InboundEvent) => Promise<void>): Promise<void> {
    this.onEvent = onEvent;
    const { client, log } = { client: this.client, log: this.opts.log };
    client.on('interactionCreate', (i) => { void this.onInteraction(i).catch((err: unknown) => log.error({ err }, 'discord: interaction failed')); });
    client.on('messageCreate', (m) => { void this.onMessage(m).catch((err: unknown) => log.error({ err }, 'discord: message failed')); });
    client.on('guildCreate', (g) => { void this.registerCommands(g).catch((err: unknown) => log.error({ err, guild: g.id }, 'discord: registering commands failed')); });
    if (this.opts.guildMembers) listenToMembers(client, this.opts.db, (e) => this.dispatch(e), log);
    client.on('raw', (packet: { t?: string; d?: Record<string, string | number> }) => {
      if (packet.t === 'MESSAGE_POLL_VOTE_ADD' || packet.t === 'MESSAGE_POLL_VOTE_REMOVE') {
        void this.onPollVote(packet.t === 'MESSAGE_POLL_VOTE_ADD', packet.d!).catch((err: unknown) => log.error({ err }, 'discord: poll vote failed'));
      }
    });
    const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
    await client.login(this.opts.token);
    await ready;
    if (this.opts.globalCommands) await client.rest.put(Routes.applicationCommands(this.opts.applicationId), { body: slashCommands(this.opts.commands, 'dm') });
    for (const guild of client.guilds.cache.values()) await this.registerCommands(guild);
    log.info({ guilds: client.guilds.cache.size, shards: client.options.shards }, 'discord: connected');
  }

  /** A link that opens the bot's DM and sends it `/start <payload>` (like Telegram's `?start=`); undefined without OAuth2. */
  deepLink(payload: string): string | undefined {
    return this.opts.openLinks ? openLink(this.opts.openLinks.publicUrl, payload) : undefined;
  }

  /** The HTTP route behind `deepLink` (mounted by src/platforms.ts), or null without OAuth2. */
  openRoute(): { path: string; handler: ReturnType<typeof createOpenRoute> } | null {
    const o = this.opts.openLinks;
    if (!o) return null;
    return { path: OPEN_PATH, handler: createOpenRoute({ applicationId: this.opts.applicationId, clientSecret: o.clientSecret, publicUrl: o.publicUrl,
      apiRoot: this.opts.apiRoot, now: this.now, log: this.opts.log, open: (user, payload, ref) => this.openFromLink(user, payload, ref) }) };
  }

  /** `/start <payload>` from `user` in their DM with the bot, handled before this resolves; returns the DM's id. */
  private async openFromLink(info: DiscordUserInfo, payload: string, ref: string): Promise<string> {
    const user = await this.client.users.fetch(info.id);
    const dm = await user.createDM();
    await this.dispatch({ kind: 'command', command: 'start', args: payload, updateId: ref,
      chat: { platform: 'discord', chatId: dm.id, isDirect: true }, user: userRef(user, info.locale) });
    return dm.id;
  }

  async stop(): Promise<void> {
    this.onEvent = undefined;
    await this.client.destroy();
  }

  /** Slash commands of one server (on start and when the bot joins a server): nl and en. */
  async registerCommands(guild: Guild): Promise<void> {
    await this.client.rest.put(Routes.applicationGuildCommands(this.opts.applicationId, guild.id), { body: slashCommands(this.opts.commands) });
  }

  /** Hands an event to the core; an outage (HandleLaterError) is retried here, as Discord does not redeliver. */
  private async dispatch(event: InboundEvent): Promise<void> {
    const deadline = Date.now() + 14 * 60_000;
    await this.queue.run(event.chat.chatId, async () => {
      for (;;) {
        if (!this.onEvent) return;
        try {
          await this.onEvent(event);
          return;
        } catch (err) {
          if (!(err instanceof HandleLaterError) || Date.now() > deadline) throw err;
          await new Promise((r) => setTimeout(r, RETRY_LATER_MS));
        }
      }
    });
  }

  private async onInteraction(i: Interaction): Promise<void> {
    if (i.isAutocomplete()) {
      const focused = i.options.getFocused(true);
      const kind = focused.name === 'item' ? 'item' : 'task';
      const lookup = this.opts.complete ? this.opts.complete({
        platform: 'discord', chatId: i.channelId ?? '', isDirect: !i.inGuild(), userId: i.user.id, displayName: i.user.globalName ?? i.user.username,
        kind, typed: String(focused.value),
      }).catch((err: unknown) => { this.opts.log.warn({ err }, 'discord: autocomplete failed'); return []; }) : Promise.resolve([]);
      // Suggestions must come within Discord's 3 seconds: a slow database gives none rather than an error.
      let timer: NodeJS.Timeout | undefined;
      const names = await Promise.race([lookup, new Promise<string[]>((resolve) => { timer = setTimeout(() => resolve([]), AUTOCOMPLETE_WITHIN_MS); })]);
      clearTimeout(timer);
      await i.respond(names.slice(0, 25).map((n) => ({ name: [...n].slice(0, 100).join(''), value: [...n].slice(0, 100).join('') })));
      return;
    }
    const decode = (id: string) => decodeCallbackData(this.opts.db, id, this.now());
    if (i.isModalSubmit()) {
      await i.deferReply();
      await this.dispatch(await modalEvent(i, decode));
      return;
    }
    if (i.isButton() && i.customId.startsWith(OPEN_FORM_PREFIX)) return openStoredForm(i, this.opts.db, this.now(), FIRST_RESPONSE_WITHIN_MS);
    if (!i.isChatInputCommand() && !i.isButton() && !i.isStringSelectMenu()) return;
    // First response within Discord's 3 seconds: the core's form as a modal if it asks for one in time, else a deferral.
    const first = new FirstResponse(i, FIRST_RESPONSE_WITHIN_MS, (err) => this.opts.log.warn({ err }, 'discord: deferring failed'));
    this.firsts.set(i.id, first);
    try {
      const event = await interactionEvent(i, decode);
      if (event) await this.dispatch(event);
    } finally {
      this.firsts.delete(i.id);
      // Acknowledged in any case, so that an answer queued for later can fill the deferral.
      await first.defer().catch(() => undefined);
    }
  }

  private async onMessage(m: Message): Promise<void> {
    if (!this.client.user) return;
    const event = messageEvent(m, this.client.user.id, this.opts.messageContent ?? false);
    if (event) await this.dispatch(event);
  }

  private async onPollVote(added: boolean, d: Record<string, string | number>): Promise<void> {
    const user = await this.client.users.fetch(String(d.user_id));
    if (user.bot) return;
    const channelId = String(d.channel_id);
    await this.dispatch({
      kind: 'poll_vote', pollId: String(d.message_id), optionIndexes: added ? [Number(d.answer_id) - 1] : [],
      updateId: `${added ? 'add' : 'remove'}:${d.message_id}:${d.user_id}:${d.answer_id}:${Date.now()}`,
      chat: { ...chatRef(null, channelId), isDirect: !d.guild_id }, user: userRef(user),
    });
  }

  // ---- outbound ----

  private async payloads(form: OutboundMessage): Promise<Payload[]> {
    // A form that reaches a message (no modal possible any more) becomes its text with an "open" button.
    const message = await withOpenButton(this.opts.db, form, this.now());
    const { content, pinged } = renderContent(message);
    const parts = splitContent(content);
    const rows = await components(this.opts.db, message.lang, message.buttons, this.now());
    return parts.map((part, i) => ({
      content: part, allowedMentions: { parse: [], users: pinged.filter((id) => part.includes(`<@${id}>`)), repliedUser: false },
      components: i === parts.length - 1 ? rows : [],
    }));
  }

  private async channel(chatId: string): Promise<SendableChannels> {
    const channel = await this.client.channels.fetch(chatId);
    if (!channel?.isSendable()) throw new Error(`discord channel ${chatId} cannot be written to`);
    return channel;
  }

  async send(chatId: string, message: OutboundMessage): Promise<SentRef> {
    try {
      const channel = await this.channel(chatId);
      let ref: SentRef | undefined;
      let first: Message | undefined;
      const parts = await this.payloads(message);
      for (const [i, p] of parts.entries()) {
        const sent = await channel.send({
          ...p, components: p.components as never,
          ...(i === 0 && message.replyTo ? { reply: { messageReference: message.replyTo, failIfNotExists: false } } : {}),
          ...(i === parts.length - 1 && message.file ? { files: [{ attachment: message.file.content, name: message.file.name }] } : {}),
        });
        ref = { chatId, messageId: sent.id };
        first ??= sent;
      }
      if (first) await openThread(first, message, this.opts.log);
      return ref!;
    } catch (err) {
      throw toPlatformError(err, 'send');
    }
  }

  async sendDirect(userId: string, message: OutboundMessage): Promise<SentRef> {
    let dm;
    try {
      dm = await (await this.client.users.fetch(userId)).createDM();
    } catch (err) {
      throw toPlatformError(err, 'createDM');
    }
    return this.send(dm.id, message);
  }

  async edit(ref: SentRef, message: OutboundMessage): Promise<void> {
    try {
      const [first, ...rest] = await this.payloads(message);
      const channel = await this.channel(ref.chatId);
      await channel.messages.edit(ref.messageId, { ...first!, components: first!.components as never });
      // An edit that grew past one message: the rest follows as new messages.
      for (const p of rest) await channel.send({ ...p, components: p.components as never });
    } catch (err) {
      throw toPlatformError(err, 'edit');
    }
  }

  /**
   * Answers an interaction through its token while it lives (see interaction-reply.ts); without a live
   * token (a text message, or a queued answer after 15 minutes) the answer goes to the channel
   * (ephemeral → DM).
   */
  async respond(to: ReplyTarget, message: OutboundMessage, mode: RespondMode): Promise<SentRef> {
    const handle = parseHandle(to.replyHandle);
    if (handle && this.modalAnswered.has(handle.id)) return respondBySending(this, to, message, mode);
    const first = handle ? this.firsts.get(handle.id) : undefined;
    if (first && message.form) {
      try {
        if (await first.modal(await modalData(this.opts.db, message.lang, message.form, this.now()))) {
          this.modalAnswered.add(handle!.id);
          if (this.modalAnswered.size > 10_000) this.modalAnswered.clear();
          return { chatId: to.chatId, messageId: '' };
        }
      } catch (err) {
        this.opts.log.warn({ err }, 'discord: modal could not open; the form goes as a message with a button');
      }
    }
    if (first) await first.defer().catch(() => undefined);
    if (!handle || !tokenAlive(handle.id)) return respondBySending(this, to, message, mode);
    try {
      return await answerInteraction(this.client.rest, this.opts.applicationId, handle, await this.payloads(message), mode, this.answered);
    } catch (err) {
      if (isExpiredInteraction(err)) return respondBySending(this, to, message, mode);
      throw toPlatformError(err, 'respond');
    }
  }

  async pin(ref: SentRef): Promise<void> {
    try {
      await (await this.channel(ref.chatId)).messages.pin(ref.messageId);
    } catch (err) {
      throw toPlatformError(err, 'pin');
    }
  }

  async postPoll(chatId: string, poll: OutboundPoll): Promise<{ ref: SentRef; pollId: string }> {
    return postNativePoll(await this.channel(chatId).catch((err: unknown) => { throw toPlatformError(err, 'postPoll'); }), chatId, poll);
  }

  async closePoll(ref: SentRef, _pollId: string): Promise<void> {
    await expireNativePoll(this.client, ref);
  }

  /** Server owner and members seen with Manage Server (they become coordinators at /setup). */
  async chatAdmins(chatId: string): Promise<UserRef[]> {
    const channel = await this.client.channels.fetch(chatId).catch(() => null);
    if (!channel || channel.isDMBased() || !('guild' in channel)) return [];
    const guild = channel.guild;
    const admins = guild.members.cache.filter((m) => !m.user.bot && (m.id === guild.ownerId || m.permissions.has(PermissionFlagsBits.ManageGuild)));
    return admins.map((m) => userRef(m.user));
  }
}
