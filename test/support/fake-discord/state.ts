/** The world behind the fake Discord: users, servers (guilds), channels, messages, interactions. */

export interface FakeDiscordUser { id: string; username: string; global_name?: string; locale?: string; bot?: boolean }

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  channels: { id: string; name: string }[];
  /** userId → role ids. */
  members: Map<string, string[]>;
  adminRoleId: string;
}

/** A message as users see it now (edits applied). */
export interface FakeMessage {
  id: string;
  channelId: string;
  guildId?: string | undefined;
  authorId: string;
  content: string;
  /** Rows of [label, custom_id] (buttons) or a select menu's options. */
  components: unknown[];
  embeds: unknown[];
  poll?: { question: string; answers: string[]; expired: boolean; duration: number } | undefined;
  /** Ephemeral: only this user sees it. */
  ephemeralFor?: string | undefined;
  /** The message it replies to. */
  replyTo?: string | undefined;
  allowedMentions?: unknown;
  edits: number;
  pinned: boolean;
  /** Set by a deferred reply until it is edited ("Bot is thinking…"). */
  thinking?: boolean;
  createdAt: number;
}

export interface FakeInteraction {
  id: string;
  token: string;
  type: number;
  userId: string;
  channelId: string;
  guildId?: string | undefined;
  /** The message a component was on. */
  messageId?: string | undefined;
  createdAt: number;
  /** When the first callback came (ms since epoch), if it did. */
  firstResponseAt?: number;
  callbacks: { type: number; data?: Record<string, unknown> }[];
  /** The message that carries the answer (@original). */
  originalId?: string | undefined;
  ephemeral?: boolean;
  payload: Record<string, unknown>;
}

let counter = 0n;
/** Snowflakes that increase (so discord.js can read times from them) and never repeat. */
export function snowflake(): string {
  counter += 1n;
  return String(((BigInt(Date.now()) - 1420070400000n) << 22n) + (counter % 4096n));
}

export const PERMISSIONS = {
  /** View, send, read history, embed links, attach files, use application commands: what @everyone has here. */
  everyone: String((1n << 10n) | (1n << 11n) | (1n << 16n) | (1n << 14n) | (1n << 15n) | (1n << 31n)),
  manageGuild: 1n << 5n,
};

export class DiscordState {
  readonly users = new Map<string, FakeDiscordUser>();
  readonly guilds = new Map<string, FakeGuild>();
  /** channelId → guildId, or null for a DM channel. */
  readonly channelGuild = new Map<string, string | null>();
  /** DM channel id → the user on the other side. */
  readonly dmUser = new Map<string, string>();
  readonly messages: FakeMessage[] = [];
  /** Threads opened under a message: thread channel id → where it hangs and its name. */
  readonly threads = new Map<string, { guildId: string; parentId: string; messageId: string; name: string }>();
  readonly interactions = new Map<string, FakeInteraction>();
  /** guildId ('' for global) → registered commands. */
  readonly commands = new Map<string, Record<string, unknown>[]>();

  constructor(readonly bot: FakeDiscordUser, readonly applicationId: string) {
    this.users.set(bot.id, bot);
  }

  apiUser(id: string): Record<string, unknown> {
    const u = this.users.get(id);
    if (!u) throw new Error(`unknown user ${id}`);
    return { id: u.id, username: u.username, global_name: u.global_name ?? null, discriminator: '0', avatar: null, ...(u.bot ? { bot: true } : {}) };
  }

  apiChannel(id: string): Record<string, unknown> {
    const guildId = this.channelGuild.get(id);
    if (guildId === undefined) throw new Error(`unknown channel ${id}`);
    if (guildId === null) return { id, type: 1, recipients: [this.apiUser(this.dmUser.get(id)!)], last_message_id: null };
    const thread = this.threads.get(id);
    if (thread) {
      return { id, type: 11, guild_id: guildId, parent_id: thread.parentId, name: thread.name, owner_id: this.bot.id, flags: 0,
        rate_limit_per_user: 0, message_count: 0, member_count: 1, total_message_sent: 0,
        thread_metadata: { archived: false, auto_archive_duration: 4320, archive_timestamp: new Date().toISOString(), locked: false } };
    }
    const channel = this.guilds.get(guildId)!.channels.find((c) => c.id === id)!;
    return { id, type: 0, guild_id: guildId, name: channel.name, position: 0, permission_overwrites: [], nsfw: false, parent_id: null };
  }

  memberPermissions(guild: FakeGuild, userId: string): bigint {
    if (guild.ownerId === userId) return (1n << 41n) - 1n;
    const roles = guild.members.get(userId) ?? [];
    return BigInt(PERMISSIONS.everyone) | (roles.includes(guild.adminRoleId) ? PERMISSIONS.manageGuild : 0n);
  }

  apiMember(guild: FakeGuild, userId: string, withUser = true): Record<string, unknown> {
    return {
      ...(withUser ? { user: this.apiUser(userId) } : {}), roles: guild.members.get(userId) ?? [], joined_at: new Date(0).toISOString(),
      deaf: false, mute: false, flags: 0, nick: null, avatar: null, pending: false,
    };
  }

  apiGuild(guild: FakeGuild): Record<string, unknown> {
    return {
      id: guild.id, name: guild.name, owner_id: guild.ownerId, icon: null, splash: null, discovery_splash: null, afk_channel_id: null,
      afk_timeout: 300, verification_level: 0, default_message_notifications: 0, explicit_content_filter: 0, features: [], mfa_level: 0,
      system_channel_id: null, system_channel_flags: 0, rules_channel_id: null, vanity_url_code: null, description: null, banner: null,
      premium_tier: 0, preferred_locale: 'nl', public_updates_channel_id: null, nsfw_level: 0, premium_progress_bar_enabled: false,
      emojis: [], stickers: [], large: false, unavailable: false, member_count: guild.members.size, joined_at: new Date().toISOString(),
      roles: [
        { id: guild.id, name: '@everyone', permissions: PERMISSIONS.everyone, position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
        { id: guild.adminRoleId, name: 'Beheer', permissions: String(PERMISSIONS.manageGuild | BigInt(PERMISSIONS.everyone)), position: 1, color: 0,
          hoist: false, managed: false, mentionable: false, flags: 0 },
      ],
      channels: guild.channels.map((c) => { const { guild_id: _g, ...rest } = this.apiChannel(c.id); return rest; }),
      members: [...guild.members.keys()].map((id) => this.apiMember(guild, id)),
      threads: [], presences: [], voice_states: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [],
    };
  }

  apiMessage(m: FakeMessage): Record<string, unknown> {
    return {
      id: m.id, channel_id: m.channelId, ...(m.guildId ? { guild_id: m.guildId } : {}), author: this.apiUser(m.authorId), content: m.content,
      timestamp: new Date(m.createdAt).toISOString(), edited_timestamp: m.edits > 0 ? new Date().toISOString() : null, tts: false,
      mention_everyone: false, mentions: [], mention_roles: [], attachments: [], embeds: m.embeds, pinned: m.pinned, type: m.replyTo ? 19 : 0,
      flags: m.ephemeralFor ? 64 : 0, components: m.components,
      ...(m.replyTo ? { message_reference: { message_id: m.replyTo, channel_id: m.channelId } } : {}),
      ...(m.poll ? { poll: {
        question: { text: m.poll.question }, answers: m.poll.answers.map((text, i) => ({ answer_id: i + 1, poll_media: { text } })),
        expiry: new Date(m.createdAt + m.poll.duration * 3_600_000).toISOString(), allow_multiselect: false, layout_type: 1,
        results: { is_finalized: m.poll.expired, answer_counts: [] },
      } } : {}),
    };
  }

  message(channelId: string, id: string): FakeMessage | undefined {
    return this.messages.find((m) => m.channelId === channelId && m.id === id);
  }
}
