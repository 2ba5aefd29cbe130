import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeGateway } from './gateway.js';
import { FakeOAuth } from './oauth.js';
import { answer, FakeRest, readJson, RestError, type RestCall } from './rest.js';
import { DiscordState, snowflake, type FakeDiscordUser, type FakeGuild, type FakeInteraction, type FakeMessage } from './state.js';

export type { FakeDiscordUser, FakeGuild, FakeInteraction, FakeMessage } from './state.js';

interface Failure { pattern: RegExp; status: number; retryAfter: number; times: number }
type Option = { name: string; type: number; value?: string | number | boolean; focused?: boolean; options?: Option[] };

const INTENT = { guildMembers: 1 << 1, guildMessages: 1 << 9, directMessages: 1 << 12, messageContent: 1 << 15, guildPolls: 1 << 24, dmPolls: 1 << 25 };

/**
 * A fake Discord: REST on node:http under /api/v10 (real discord.js reaches it through
 * `rest: { api }`) and the gateway on the same port (the URL GET /gateway/bot hands out). Every REST
 * call is recorded and its body validated against Discord's OpenAPI description; a route can be made
 * to answer 429 (with retry_after) or 5xx on demand. Tests inject what users do: slash commands,
 * autocomplete, button presses, select menus, modal submits, messages, poll votes, a new server.
 */
export class FakeDiscord {
  readonly token = 'fake-discord-token.0000';
  readonly applicationId = snowflake();
  readonly state: DiscordState;
  readonly gateway: FakeGateway;
  readonly calls: RestCall[] = [];
  /** Shard count GET /gateway/bot recommends. */
  recommendedShards = 1;
  apiRoot = '';
  /** Sign-in with Discord (OAuth2), for links that open the bot's DM. */
  readonly oauth: FakeOAuth;
  private readonly rest: FakeRest;
  private readonly failures: Failure[] = [];
  private readonly server: Server;
  private port = 0;

  private constructor() {
    this.state = new DiscordState({ id: this.applicationId, username: 'Zelfbeheer', bot: true }, this.applicationId);
    this.gateway = new FakeGateway(this.state, this.token);
    this.rest = new FakeRest(this.state, () => `ws://127.0.0.1:${this.port}/gateway`, () => this.recommendedShards);
    this.oauth = new FakeOAuth(this.state, this.applicationId);
    this.server = createServer((req, res) => {
      void (async () => {
        const url = new URL(req.url ?? '/', 'http://fake');
        if (await this.oauth.handle(req, res, url)) return;
        const path = decodeURIComponent(url.pathname.replace(/^\/api\/v10/, ''));
        const body = await readJson(req).catch(() => undefined);
        const call: RestCall = { method: req.method ?? 'GET', path, body, status: 0, at: Date.now() };
        this.calls.push(call);
        if (req.headers.authorization !== `Bot ${this.token}` && !path.startsWith('/interactions/') && !path.startsWith('/webhooks/')) {
          call.status = 401;
          return answer(res, 401, { message: '401: Unauthorized', code: 0 });
        }
        const failure = this.failures.find((f) => f.times > 0 && f.pattern.test(`${call.method} ${path}`));
        if (failure) {
          failure.times--;
          call.status = failure.status;
          if (failure.status === 429) {
            return answer(res, 429, { message: 'You are being rate limited.', retry_after: failure.retryAfter, global: false },
              { 'retry-after': String(Math.ceil(failure.retryAfter)), 'x-ratelimit-scope': 'user' });
          }
          return answer(res, failure.status, { message: 'Internal Server Error', code: 0 });
        }
        try {
          const [status, out] = this.rest.handle(call.method, path, body);
          call.status = status;
          answer(res, status, out);
        } catch (err) {
          if (!(err instanceof RestError)) throw err;
          call.status = err.status;
          if (err.status === 400) call.problems = (err.body.errors as string[] | undefined) ?? [String(err.body.message)];
          answer(res, err.status, err.body);
        }
      })().catch((err: unknown) => answer(res, 500, { message: `fake server bug: ${String(err)}` }));
    });
    this.server.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/gateway')) this.gateway.handleUpgrade(req, socket, head);
      else socket.destroy();
    });
  }

  static async start(): Promise<FakeDiscord> {
    const fake = new FakeDiscord();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    fake.apiRoot = `http://127.0.0.1:${fake.port}/api`;
    return fake;
  }

  async close(): Promise<void> {
    await this.gateway.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` requests whose "METHOD /path" matches answer 429 (retry_after seconds) or a 5xx. */
  fail(pattern: RegExp, status: number, opts: { retryAfter?: number; times?: number } = {}): void {
    this.failures.push({ pattern, status, retryAfter: opts.retryAfter ?? 1, times: opts.times ?? 1 });
  }

  /** Calls that Discord refused as an invalid body (should stay empty). */
  invalidCalls(): RestCall[] {
    return this.calls.filter((c) => c.status === 400 && c.problems);
  }

  // ---- the world ----

  user(username: string, opts: { locale?: string; globalName?: string } = {}): FakeDiscordUser {
    const u: FakeDiscordUser = { id: snowflake(), username, ...(opts.globalName ? { global_name: opts.globalName } : {}), ...(opts.locale ? { locale: opts.locale } : {}) };
    this.state.users.set(u.id, u);
    return u;
  }

  /** A server with text channels; `admins` get a role with Manage Server. Dispatched as a new server when the bot is connected. */
  guild(name: string, opts: { owner: FakeDiscordUser; admins?: FakeDiscordUser[]; members?: FakeDiscordUser[]; channels?: string[] }): FakeGuild {
    const id = snowflake();
    const g: FakeGuild = {
      id, name, ownerId: opts.owner.id, adminRoleId: snowflake(), members: new Map(),
      channels: (opts.channels ?? ['algemeen']).map((c) => ({ id: snowflake(), name: c })),
    };
    for (const c of g.channels) this.state.channelGuild.set(c.id, id);
    g.members.set(this.state.bot.id, []);
    g.members.set(opts.owner.id, []);
    for (const u of opts.admins ?? []) g.members.set(u.id, [g.adminRoleId]);
    for (const u of opts.members ?? []) if (!g.members.has(u.id)) g.members.set(u.id, []);
    this.state.guilds.set(id, g);
    this.gateway.dispatch('GUILD_CREATE', this.state.apiGuild(g), id);
    return g;
  }

  channel(guild: FakeGuild, name: string): string {
    const c = guild.channels.find((x) => x.name === name);
    if (!c) throw new Error(`no channel ${name}`);
    return c.id;
  }

  /** The DM channel between the bot and a user (created as Discord would on first use). */
  dmChannel(user: FakeDiscordUser): string {
    const existing = [...this.state.dmUser.entries()].find(([, u]) => u === user.id)?.[0];
    if (existing) return existing;
    const id = snowflake();
    this.state.dmUser.set(id, user.id);
    this.state.channelGuild.set(id, null);
    return id;
  }

  /** Messages in a channel as `viewer` sees them (ephemeral ones only their own), oldest first. */
  visible(channelId: string, viewer?: FakeDiscordUser): FakeMessage[] {
    return this.state.messages.filter((m) => m.channelId === channelId && (!m.ephemeralFor || m.ephemeralFor === viewer?.id));
  }

  // ---- what users do ----

  private context(user: FakeDiscordUser, channelId: string): Record<string, unknown> {
    const guildId = this.state.channelGuild.get(channelId);
    if (guildId === undefined) throw new Error(`unknown channel ${channelId}`);
    const guild = guildId ? this.state.guilds.get(guildId)! : undefined;
    return {
      channel_id: channelId, channel: this.state.apiChannel(channelId), locale: user.locale ?? 'nl',
      ...(guild ? {
        guild_id: guild.id, guild_locale: 'nl', guild: { id: guild.id, locale: 'nl', features: [] },
        member: { ...this.state.apiMember(guild, user.id), permissions: String(this.state.memberPermissions(guild, user.id)) },
      } : { user: this.state.apiUser(user.id) }),
    };
  }

  private interact(user: FakeDiscordUser, channelId: string, type: number, data: Record<string, unknown>, message?: FakeMessage): FakeInteraction {
    const id = snowflake();
    const token = `itoken-${id}`;
    const payload = {
      id, application_id: this.applicationId, type, data, token, version: 1, app_permissions: '2251799813685247', entitlements: [],
      authorizing_integration_owners: { 0: this.state.channelGuild.get(channelId) ?? '0' }, context: this.state.channelGuild.get(channelId) ? 0 : 1,
      attachment_size_limit: 10_485_760, ...this.context(user, channelId), ...(message ? { message: this.state.apiMessage(message) } : {}),
    };
    const interaction: FakeInteraction = { id, token, type, userId: user.id, channelId, guildId: this.state.channelGuild.get(channelId) ?? undefined,
      messageId: message?.id, createdAt: Date.now(), callbacks: [], payload };
    this.state.interactions.set(id, interaction);
    this.gateway.dispatch('INTERACTION_CREATE', payload, interaction.guildId);
    return interaction;
  }

  private command(name: string, guildId: string | undefined): Record<string, unknown> {
    const all = [...(this.state.commands.get(guildId ?? '') ?? []), ...(this.state.commands.get('') ?? [])];
    const found = all.find((c) => c.name === name || Object.values((c.name_localizations as Record<string, string> | undefined) ?? {}).includes(name));
    if (!found) throw new Error(`command /${name} is not registered${guildId ? ` in guild ${guildId}` : ''}`);
    return found;
  }

  /** A slash command by its (localised) name, with option values by their names. */
  slash(user: FakeDiscordUser, channelId: string, name: string, options: Record<string, string | number> = {}): FakeInteraction {
    const cmd = this.command(name, this.state.channelGuild.get(channelId) ?? undefined);
    const defs = (cmd.options as Option[] | undefined) ?? [];
    const opts = Object.entries(options).map(([n, value]) => {
      const def = defs.find((d) => d.name === n || Object.values((d as { name_localizations?: Record<string, string> }).name_localizations ?? {}).includes(n));
      if (!def) throw new Error(`/${name} has no option ${n}`);
      return { name: def.name, type: def.type, value };
    });
    return this.interact(user, channelId, 2, { id: cmd.id, name: cmd.name, type: 1, options: opts,
      ...(cmd.guild_id ? { guild_id: cmd.guild_id } : {}) });
  }

  /** Typing in an option with autocomplete: the bot answers with choices. */
  autocomplete(user: FakeDiscordUser, channelId: string, name: string, option: string, typed: string): FakeInteraction {
    const cmd = this.command(name, this.state.channelGuild.get(channelId) ?? undefined);
    const def = ((cmd.options as (Option & { name_localizations?: Record<string, string> })[] | undefined) ?? [])
      .find((d) => d.name === option || Object.values(d.name_localizations ?? {}).includes(option));
    if (!def) throw new Error(`/${name} has no option ${option}`);
    return this.interact(user, channelId, 4, { id: cmd.id, name: cmd.name, type: 1, options: [{ name: def.name, type: def.type, value: typed, focused: true }] });
  }

  /** Presses the button labelled `label` on a message (custom_id as the bot set it). */
  press(user: FakeDiscordUser, message: FakeMessage, label: string): FakeInteraction {
    const button = buttonsOf(message).find((b) => b.label.includes(label));
    if (!button) throw new Error(`no button "${label}" on message ${message.id}`);
    return this.interact(user, message.channelId, 3, { custom_id: button.customId, component_type: 2 }, message);
  }

  /** Chooses an option (by label) of the select menu on a message. */
  select(user: FakeDiscordUser, message: FakeMessage, label: string): FakeInteraction {
    const menu = selectsOf(message)[0];
    const option = menu?.options.find((o) => o.label.includes(label));
    if (!menu || !option) throw new Error(`no select option "${label}" on message ${message.id}`);
    return this.interact(user, message.channelId, 3, { custom_id: menu.customId, component_type: 3, values: [option.value] }, message);
  }

  /** Submits the modal the bot opened in answer to `opened`, with values for its text inputs by custom_id. */
  submitModal(user: FakeDiscordUser, opened: FakeInteraction, values: Record<string, string>): FakeInteraction {
    const modal = opened.callbacks.find((c) => c.type === 9)?.data;
    if (!modal) throw new Error('that interaction did not open a modal');
    const rows = (modal.components as { components: { custom_id: string }[] }[]).map((row) => ({
      type: 1, components: row.components.map((c) => ({ type: 4, custom_id: c.custom_id, value: values[c.custom_id] ?? '' })),
    }));
    return this.interact(user, opened.channelId, 5, { custom_id: modal.custom_id, components: rows });
  }

  /** A user writes a message; mentions of the bot as `<@id>` are listed as mentions. */
  say(user: FakeDiscordUser, channelId: string, content: string): string {
    const id = snowflake();
    const guildId = this.state.channelGuild.get(channelId) ?? undefined;
    const guild = guildId ? this.state.guilds.get(guildId) : undefined;
    const mentioned = [...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!).filter((u) => this.state.users.has(u));
    const base = {
      id, channel_id: channelId, ...(guildId ? { guild_id: guildId, member: this.state.apiMember(guild!, user.id, false) } : {}),
      author: this.state.apiUser(user.id), timestamp: new Date().toISOString(), edited_timestamp: null, tts: false,
      mention_everyone: false, mention_roles: [], attachments: [], embeds: [], pinned: false, type: 0, flags: 0, components: [],
      channel_type: guildId ? 0 : 1, mentions: mentioned.map((u) => this.state.apiUser(u)),
    };
    for (const s of this.gateway.sessions) {
      if (!(s.intents & (guildId ? INTENT.guildMessages : INTENT.directMessages))) continue;
      // Without the MessageContent intent Discord blanks the content of guild messages that do not mention the bot.
      const readable = !guildId || (s.intents & INTENT.messageContent) !== 0 || mentioned.includes(this.state.bot.id);
      const payload = { ...base, content: readable ? content : '' };
      const mine = guildId ? Number((BigInt(guildId) >> 22n) % BigInt(s.shard[1])) === s.shard[0] : s.shard[0] === 0;
      if (mine) s.socket.send(JSON.stringify({ op: 0, t: 'MESSAGE_CREATE', s: ++s.seq, d: payload }));
    }
    return id;
  }

  /** A user joins a server: GUILD_MEMBER_ADD, only to sessions with the (privileged) GuildMembers intent. */
  memberJoin(guild: FakeGuild, user: FakeDiscordUser): number {
    guild.members.set(user.id, []);
    return this.memberEvent(guild, 'GUILD_MEMBER_ADD', { ...this.state.apiMember(guild, user.id), guild_id: guild.id });
  }

  /** A member leaves (or is removed from) a server: GUILD_MEMBER_REMOVE, likewise only with GuildMembers. */
  memberLeave(guild: FakeGuild, user: FakeDiscordUser): number {
    guild.members.delete(user.id);
    return this.memberEvent(guild, 'GUILD_MEMBER_REMOVE', { guild_id: guild.id, user: this.state.apiUser(user.id) });
  }

  /** Sessions the event reached. */
  private memberEvent(guild: FakeGuild, t: string, d: Record<string, unknown>): number {
    let delivered = 0;
    for (const s of this.gateway.sessions) {
      if (!(s.intents & INTENT.guildMembers) || Number((BigInt(guild.id) >> 22n) % BigInt(s.shard[1])) !== s.shard[0]) continue;
      s.socket.send(JSON.stringify({ op: 0, t, s: ++s.seq, d }));
      delivered++;
    }
    return delivered;
  }

  /** A vote on a native poll (answer index from 0); `remove` takes it back. */
  vote(user: FakeDiscordUser, message: FakeMessage, answer: number, remove = false): void {
    const guildId = message.guildId;
    const d = { user_id: user.id, channel_id: message.channelId, message_id: message.id, ...(guildId ? { guild_id: guildId } : {}), answer_id: answer + 1 };
    for (const s of this.gateway.sessions) {
      if (!(s.intents & (guildId ? INTENT.guildPolls : INTENT.dmPolls))) continue;
      const mine = guildId ? Number((BigInt(guildId) >> 22n) % BigInt(s.shard[1])) === s.shard[0] : s.shard[0] === 0;
      if (mine) s.socket.send(JSON.stringify({ op: 0, t: remove ? 'MESSAGE_POLL_VOTE_REMOVE' : 'MESSAGE_POLL_VOTE_ADD', s: ++s.seq, d }));
    }
  }

  /** Waits until `check` holds (polling), or fails after `ms`. */
  async until(check: () => boolean, ms = 10_000, what = 'condition'): Promise<void> {
    const end = Date.now() + ms;
    while (!check()) {
      if (Date.now() > end) throw new Error(`fake discord: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

interface ComponentLike { type: number; label?: string; custom_id?: string; components?: ComponentLike[]; options?: { label: string; value: string }[] }

export function buttonsOf(m: FakeMessage): { label: string; customId: string }[] {
  return (m.components as ComponentLike[]).flatMap((row) => row.components ?? [])
    .filter((c) => c.type === 2).map((c) => ({ label: c.label ?? '', customId: c.custom_id ?? '' }));
}

export function selectsOf(m: FakeMessage): { customId: string; options: { label: string; value: string }[] }[] {
  return (m.components as ComponentLike[]).flatMap((row) => row.components ?? [])
    .filter((c) => c.type === 3).map((c) => ({ customId: c.custom_id ?? '', options: c.options ?? [] }));
}
