import type { Bot } from '../../src/bot.js';
import { msg, render, type Lang } from '../../src/i18n/index.js';
import {
  respondBySending, type ChatPlatform, type ChatRef, type InboundEvent, type OutboundMessage, type OutboundPoll, type PlatformName,
  type PlatformSupport, type ReplyTarget, type RespondMode, type SentRef, type UserRef,
} from '../../src/platform.js';

/** What the fake recorded for one outgoing message, rendered as a user would read it. */
export interface Sent {
  chatId: string;
  /** Set for direct messages: the user it went to. */
  toUser?: string;
  messageId: string;
  lang: Lang;
  text: string;
  /** Buttons as [label, action] rows. */
  buttons: { label: string; action: string }[][];
  message: OutboundMessage;
  edited: boolean;
  pinned: boolean;
  /** Shown in the chat to `toUser` only (an ephemeral answer). */
  ephemeral?: boolean;
  file?: OutboundMessage['file'];
}

export interface FakeUser { id: string; name: string; username?: string; language?: string }

/**
 * An in-process ChatPlatform that drives the real bot: inject messages and button presses, then
 * read what was sent to whom. Text is rendered from i18n keys exactly as an adapter would.
 */
export class FakePlatform implements ChatPlatform {
  readonly sent: Sent[] = [];
  readonly polls: { chatId: string; pollId: string; poll: OutboundPoll; closed: boolean }[] = [];
  private admins = new Map<string, FakeUser[]>();
  private titles = new Map<string, string>();
  private nextId = 1;
  private onEvent: ((e: InboundEvent) => Promise<void>) | undefined;
  /** Make the next sends fail (a network error), to test error handling. */
  failNext = 0;
  /** The next sends, in order: fail with this platform error (429 with retry_after, 5xx), or go through (null). */
  readonly failWith: (Error | null)[] = [];
  /** What this fake platform can do; tests switch ephemeral answers and native polls on. */
  readonly supports: PlatformSupport;

  /** `name` lets a test run a second platform (e.g. 'console') next to 'fake', as Telegram next to Discord. */
  constructor(private bot?: Bot, readonly name: PlatformName = 'fake', supports: Partial<PlatformSupport> = {}) {
    this.supports = { ephemeral: false, nativePolls: false, modals: false, maxTextLength: 4096, markup: 'plain', ...supports };
  }

  attach(bot: Bot): void {
    this.bot = bot;
  }

  group(chatId: string, title: string, admins: FakeUser[] = []): void {
    this.titles.set(chatId, title);
    this.admins.set(chatId, admins);
  }

  private chat(chatId: string): ChatRef {
    const direct = chatId.startsWith('dm:');
    return { platform: this.name, chatId, isDirect: direct, title: this.titles.get(chatId) };
  }

  private user(u: FakeUser): UserRef {
    return { platform: this.name, userId: u.id, displayName: u.name, username: u.username, language: u.language };
  }

  /** Hands an event to the bot; every fake event can be answered ephemerally where `supports.ephemeral` is on. */
  async inject(event: InboundEvent): Promise<void> {
    const withHandle = { replyHandle: `fake:${this.nextId++}`, ...event };
    if (this.onEvent) return this.onEvent(withHandle);
    if (!this.bot) throw new Error('FakePlatform has no bot');
    return this.bot.handle(this, withHandle);
  }

  /** A user types in a chat ('dm:<userId>' for a direct chat). Commands start with '/'. */
  async say(u: FakeUser, chatId: string, text: string, extra: Partial<InboundEvent> = {}): Promise<Sent[]> {
    const before = this.sent.length;
    const base = { chat: this.chat(chatId), user: this.user(u), messageId: String(this.nextId++) };
    const m = /^\/([\p{L}\w]+)(?:@\w+)?\s*([\s\S]*)$/u.exec(text);
    const event: InboundEvent = m
      ? { ...base, kind: 'command', command: m[1]!.toLowerCase(), args: m[2] ?? '', ...(extra as object) }
      : { ...base, kind: 'text', text, addressedToBot: chatId.startsWith('dm:') || /@bot\b/i.test(text), ...(extra as object) };
    await this.inject(event);
    return this.sent.slice(before);
  }

  /** A user joins a group (a bot joining is `{ ...user, isBot }` via `extra`). */
  async join(u: FakeUser, chatId: string, extra: Partial<UserRef> = {}): Promise<Sent[]> {
    const before = this.sent.length;
    await this.inject({ kind: 'member_joined', chat: this.chat(chatId), user: { ...this.user(u), ...extra } });
    return this.sent.slice(before);
  }

  /** A user leaves a group (or is removed from it). */
  async leave(u: FakeUser, chatId: string): Promise<Sent[]> {
    const before = this.sent.length;
    await this.inject({ kind: 'member_left', chat: this.chat(chatId), user: this.user(u) });
    return this.sent.slice(before);
  }

  /** The platform gives a group a new id (Telegram: group upgraded to a supergroup). */
  async migrate(u: FakeUser, chatId: string, newChatId: string): Promise<Sent[]> {
    const before = this.sent.length;
    this.titles.set(newChatId, this.titles.get(chatId) ?? '');
    this.admins.set(newChatId, this.admins.get(chatId) ?? []);
    await this.inject({ kind: 'chat_migrated', chat: this.chat(chatId), user: this.user(u), newChatId });
    return this.sent.slice(before);
  }

  /** Presses a button by its action id, on a given message (or none). */
  async press(u: FakeUser, chatId: string, action: string, messageId?: string, extra: Partial<InboundEvent> = {}): Promise<Sent[]> {
    const before = this.sent.length;
    await this.inject({ kind: 'button', chat: this.chat(chatId), user: this.user(u), action, messageId, ...(extra as object) });
    return this.sent.slice(before);
  }

  /** Presses the button whose label contains `label` on the last message in the chat that has one. */
  async pressLabel(u: FakeUser, chatId: string, label: string): Promise<Sent[]> {
    const withButton = [...this.sent].reverse().find((s) => (s.chatId === chatId || s.toUser === chatId.replace(/^dm:/, ''))
      && s.buttons.flat().some((b) => b.label.includes(label)));
    const button = withButton?.buttons.flat().find((b) => b.label.includes(label));
    if (!withButton || !button) throw new Error(`no button "${label}" in ${chatId}`);
    return this.press(u, chatId, button.action, withButton.messageId);
  }

  inChat(chatId: string): Sent[] {
    return this.sent.filter((s) => s.chatId === chatId && !s.toUser);
  }

  dmsTo(userId: string): Sent[] {
    return this.sent.filter((s) => s.toUser === userId && !s.ephemeral);
  }

  last(chatId: string): Sent | undefined {
    return this.inChat(chatId).at(-1);
  }

  private record(chatId: string, message: OutboundMessage, toUser?: string, ephemeral = false): SentRef {
    const injected = this.failWith.shift();
    if (injected) throw injected;
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('fake platform: send failed');
    }
    const messageId = String(this.nextId++);
    this.sent.push({
      chatId, messageId, lang: message.lang, text: message.body.map((m) => render(message.lang, m)).join('\n'),
      buttons: (message.buttons ?? []).map((row) => row.map((b) => ({ label: render(message.lang, b.label), action: b.action }))),
      message, edited: false, pinned: false, ...(toUser ? { toUser } : {}), ...(message.file ? { file: message.file } : {}),
      ...(ephemeral ? { ephemeral } : {}),
    });
    return { chatId, messageId };
  }

  async respond(to: ReplyTarget, message: OutboundMessage, mode: RespondMode): Promise<SentRef> {
    if (mode === 'ephemeral' && this.supports.ephemeral) return this.record(to.chatId, message, to.userId, true);
    return respondBySending(this, to, message, mode);
  }

  async send(chatId: string, message: OutboundMessage): Promise<SentRef> {
    return this.recordSplit(chatId, message);
  }

  async sendDirect(userId: string, message: OutboundMessage): Promise<SentRef> {
    return this.recordSplit(`dm:${userId}`, message, userId);
  }

  /** Like an adapter: a text over maxTextLength goes out in parts at line boundaries, buttons under the last. */
  private recordSplit(chatId: string, message: OutboundMessage, toUser?: string): SentRef {
    const max = this.supports.maxTextLength;
    const lines = message.body.map((m) => render(message.lang, m)).join('\n').split('\n');
    if (lines.join('\n').length <= max) return this.record(chatId, message, toUser);
    const parts: string[] = [];
    for (const line of lines) {
      if (parts.length > 0 && `${parts.at(-1)!}\n${line}`.length <= max) parts[parts.length - 1] += `\n${line}`;
      else parts.push(line);
    }
    let ref: SentRef | undefined;
    for (const [i, text] of parts.entries()) {
      const last = i === parts.length - 1;
      ref = this.record(chatId, { ...message, body: [msg('core.plain', { text })], ...(last ? {} : { buttons: [] }) }, toUser);
    }
    return ref!;
  }

  async edit(ref: SentRef, message: OutboundMessage): Promise<void> {
    const ref2 = this.record(ref.chatId, message);
    const s = this.sent.find((x) => x.messageId === ref2.messageId)!;
    s.edited = true;
    s.messageId = ref.messageId;
    if (ref.chatId.startsWith('dm:')) s.toUser = ref.chatId.slice(3);
  }

  async pin(ref: SentRef): Promise<void> {
    const s = this.sent.find((x) => x.messageId === ref.messageId);
    if (s) s.pinned = true;
  }

  async postPoll(chatId: string, poll: OutboundPoll): Promise<{ ref: SentRef; pollId: string }> {
    const pollId = `poll-${this.nextId++}`;
    const ref = this.record(chatId, { lang: poll.lang, body: [poll.question] });
    this.polls.push({ chatId, pollId, poll, closed: false });
    return { ref, pollId };
  }

  async closePoll(_ref: SentRef, pollId: string): Promise<void> {
    const p = this.polls.find((x) => x.pollId === pollId);
    if (p) p.closed = true;
  }

  async chatAdmins(chatId: string): Promise<UserRef[]> {
    return (this.admins.get(chatId) ?? []).map((u) => this.user(u));
  }

  async start(onEvent: (e: InboundEvent) => Promise<void>): Promise<void> {
    this.onEvent = onEvent;
  }

  async stop(): Promise<void> {
    this.onEvent = undefined;
  }
}
