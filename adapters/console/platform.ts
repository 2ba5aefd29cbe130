import * as readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { DEFAULT_LANG, render, type Lang, type MessageKey, type Params } from '../../src/i18n/index.js';
import type { Logger } from '../../src/log.js';
import type {
  ChatPlatform, ChatRef, InboundEvent, OutboundMessage, OutboundPoll, SentRef, UserRef, PlatformSupport, ReplyTarget, RespondMode,
} from '../../src/platform.js';
import { HandleLaterError, respondBySending } from '../../src/platform.js';
import { ChoiceBook } from './choices.js';
import { saveOutgoingFile } from './files.js';
import { indent, makeStyle, renderBody, renderChoices, stripControl, text, type Style } from './format.js';
import { lineQueue } from './input.js';
import { handleLine } from './session.js';

export interface ConsolePerson {
  /** What you type after /as, and the console user id (the demo seed uses the same ids). */
  key: string;
  name: string;
  language?: Lang | undefined;
  /** A group admin: becomes coordinator when the group is set up with /koppel. */
  admin?: boolean;
}

export interface ConsoleOptions {
  input: Readable;
  output: Writable & { isTTY?: boolean };
  people: ConsolePerson[];
  /** Key of the person you start as (default: the first). */
  startAs?: string;
  group: { chatId: string; title: string };
  /** Where files the bot sends are written. */
  outDir: string;
  /** Colours; default: only when the output is a terminal. */
  color?: boolean;
  log?: Logger;
  /** Prefix of message ids, so ids never repeat across runs (default: time based). */
  sessionTag?: string;
}

/**
 * A terminal chat: one group and a direct chat with the bot per person. You type as one of
 * the people (switch with /as); buttons and poll options are numbered and pressed by typing the number.
 */
const HANDLE_LATER_TRIES = 30;
const HANDLE_LATER_PAUSE_MS = 2000;

export class ConsolePlatform implements ChatPlatform {
  readonly name = 'console' as const;
  /** One reader at one terminal: an "only you" answer is simply marked so in the chat. */
  readonly supports: PlatformSupport = { ephemeral: true, nativePolls: false, modals: false, maxTextLength: 100_000, markup: 'plain' };
  readonly book = new ChoiceBook();
  readonly style: Style;
  /** Resolves when the user leaves (/exit, Ctrl-D, end of piped input) or stop() is called. */
  readonly finished: Promise<void>;
  current: ConsolePerson;
  inDirect = false;
  private readonly tag: string;
  private readonly terminal: boolean;
  private readonly uiLang = new Map<string, Lang>();
  private nextMessage = 1;
  private nextInbound = 1;
  private rl: readline.Interface | undefined;
  private closed = false;
  private stopRequested = false;
  private busy = false;
  /** The event being handled: the first message back in its chat tells the sender's language. */
  private handling: { key: string; chatId: string; langSeen: boolean } | undefined;
  private loop: Promise<void> | undefined;
  private markFinished!: () => void;

  constructor(readonly opts: ConsoleOptions) {
    const first = opts.people.find((p) => p.key === opts.startAs) ?? opts.people[0];
    if (!first) throw new Error('the console needs at least one person');
    this.current = first;
    this.style = makeStyle(opts.color ?? opts.output.isTTY === true);
    this.terminal = (opts.input as { isTTY?: boolean }).isTTY === true && opts.output.isTTY === true;
    this.tag = opts.sessionTag ?? Date.now().toString(36);
    this.finished = new Promise((done) => { this.markFinished = done; });
  }

  // ---- what the user sees ----

  lang(): Lang {
    return this.uiLang.get(this.current.key) ?? this.current.language ?? DEFAULT_LANG;
  }

  /** A console message (not from the bot), in the current person's language. */
  say(key: MessageKey, params?: Params): void {
    this.print(this.style.meta(text(this.lang(), key, params)));
  }

  print(block: string): void {
    const redraw = this.terminal && this.rl && !this.closed && !this.busy;
    if (redraw) {
      readline.clearLine(this.opts.output, 0);
      readline.cursorTo(this.opts.output, 0);
    }
    this.opts.output.write(block.endsWith('\n') ? block : `${block}\n`);
    if (redraw) this.rl!.prompt(true);
  }

  promptText(): string {
    const place = this.inDirect ? text(this.lang(), 'console.prompt.direct') : this.opts.group.title;
    return `${this.current.key}@${stripControl(place)}> `;
  }

  placeName(chatId: string, lang: Lang): string {
    if (chatId === this.opts.group.chatId) return this.opts.group.title;
    if (chatId.startsWith('dm:')) {
      const key = chatId.slice(3);
      return text(lang, 'console.place.direct', { name: this.person(key)?.name ?? key });
    }
    return chatId;
  }

  person(key: string): ConsolePerson | undefined {
    return this.opts.people.find((p) => p.key === key);
  }

  peopleList(): string {
    return this.opts.people.map((p) => p.key).join(', ');
  }

  welcome(): void {
    const params = { name: this.current.name, place: this.opts.group.title, people: this.peopleList() };
    const first = this.lang();
    const second: Lang = first === 'nl' ? 'en' : 'nl';
    this.print(this.style.meta(`${text(first, 'console.welcome', params)}\n\n${text(second, 'console.welcome', params)}\n`));
  }

  // ---- events from the user ----

  chatRef(chatId: string): ChatRef {
    const direct = chatId.startsWith('dm:');
    return { platform: 'console', chatId, isDirect: direct, title: direct ? undefined : this.opts.group.title };
  }

  userRef(p: ConsolePerson = this.current): UserRef {
    return { platform: 'console', userId: p.key, displayName: p.name, username: p.key, language: p.language };
  }

  /** Chat of the current view: the group, or the current person's direct chat. */
  currentChatId(): string {
    return this.inDirect ? `dm:${this.current.key}` : this.opts.group.chatId;
  }

  newInboundId(): string {
    return `${this.tag}.in${this.nextInbound++}`;
  }

  /**
   * Hands one event to the bot and waits until it is fully handled. Every console event can be
   * answered "only for you" in the chat (the terminal shows it marked so). An event the bot hands
   * back (database unavailable) is tried again every few seconds, as a platform would redeliver it.
   */
  async dispatch(onEvent: (e: InboundEvent) => Promise<void>, event: InboundEvent): Promise<void> {
    this.handling = { key: event.user.userId, chatId: event.chat.chatId, langSeen: false };
    try {
      for (let attempt = 1; ; attempt++) {
        try {
          await onEvent({ ...event, replyHandle: 'console' });
          return;
        } catch (err) {
          if (!(err instanceof HandleLaterError) || attempt >= HANDLE_LATER_TRIES || this.stopRequested) throw err;
          await new Promise((resolve) => setTimeout(resolve, HANDLE_LATER_PAUSE_MS));
        }
      }
    } catch (err) {
      this.opts.log?.error({ err, kind: event.kind }, 'console: event handler failed');
    } finally {
      this.handling = undefined;
    }
  }

  async start(onEvent: (event: InboundEvent) => Promise<void>): Promise<void> {
    if (this.loop) throw new Error('the console chat is already running');
    this.welcome();
    const rl = readline.createInterface({
      input: this.opts.input, ...(this.terminal ? { output: this.opts.output } : {}), terminal: this.terminal,
    });
    this.rl = rl;
    rl.on('close', () => { this.closed = true; });
    // Ctrl-C in the terminal leaves the chat like Ctrl-D.
    rl.on('SIGINT', () => rl.close());
    this.loop = this.readLines(rl, onEvent).finally(() => this.markFinished());
  }

  private showPrompt(): void {
    if (!this.terminal || this.closed || !this.rl) return;
    this.rl.setPrompt(this.style.prompt(this.promptText()));
    this.rl.prompt();
  }

  /** Handles the lines one at a time, each fully before the next. */
  private async readLines(rl: readline.Interface, onEvent: (e: InboundEvent) => Promise<void>): Promise<void> {
    const nextLine = lineQueue(rl);
    this.showPrompt();
    while (!this.stopRequested) {
      const line = await nextLine();
      if (line === undefined || this.stopRequested) break;
      // Piped input: echo the line after the prompt, so the output reads as a transcript.
      if (!this.terminal) this.print(`${this.style.prompt(this.promptText())}${line}`);
      this.busy = true;
      let more = true;
      try {
        more = await handleLine(this, line, onEvent);
      } catch (err) {
        this.opts.log?.error({ err }, 'console: could not handle a line');
      } finally {
        this.busy = false;
      }
      if (!more) break;
      this.showPrompt();
    }
    rl.close();
  }

  async stop(): Promise<void> {
    this.stopRequested = true;
    this.rl?.close();
    await this.loop;
  }

  // ---- the ChatPlatform port: what the bot sends ----

  private noteLanguage(chatId: string, lang: Lang): void {
    const h = this.handling;
    if (h && !h.langSeen && (chatId === h.chatId || chatId === `dm:${h.key}`)) {
      this.uiLang.set(h.key, lang);
      h.langSeen = true;
    }
  }

  private show(messageId: string, chatId: string, message: OutboundMessage, edited: boolean): void {
    const lang = message.lang;
    let id = this.book.messageNumber(messageId);
    if (id === undefined) {
      // A message from an earlier run (ids carry the session tag): show it under a new number.
      id = this.nextMessage++;
      this.book.addMessage(messageId, id, chatId);
    }
    const place = this.placeName(chatId, lang);
    const lines = [this.style.bot(text(lang, edited ? 'console.header.edited' : 'console.header', { place, id }))];
    const body = renderBody(lang, message.body);
    if (body) lines.push(indent(body));
    if (message.photoFileId) lines.push(indent(text(lang, 'console.photo', { id: message.photoFileId })));
    if (message.ephemeral) lines.push(indent(this.style.dim(text(lang, 'console.onlyYou'))));
    const rows = (message.buttons ?? []).map((row) => row.map((b) => ({ label: render(lang, b.label, stripControl), action: b.action })));
    lines.push(...renderChoices(this.style, this.book.setButtons(messageId, rows)).map((l) => indent(l)));
    this.print(lines.join('\n'));
  }

  async respond(to: ReplyTarget, message: OutboundMessage, mode: RespondMode): Promise<SentRef> {
    if (mode === 'ephemeral') return this.send(to.chatId, { ...message, ephemeral: true });
    return respondBySending(this, to, message, mode);
  }

  async send(chatId: string, message: OutboundMessage): Promise<SentRef> {
    const number = this.nextMessage++;
    const messageId = `${this.tag}.${number}`;
    this.book.addMessage(messageId, number, chatId);
    this.noteLanguage(chatId, message.lang);
    this.show(messageId, chatId, message, false);
    if (message.file) await this.saveFile(message.lang, message.file);
    return { chatId, messageId };
  }

  async sendDirect(userId: string, message: OutboundMessage): Promise<SentRef> {
    return this.send(`dm:${userId}`, message);
  }

  async edit(ref: SentRef, message: OutboundMessage): Promise<void> {
    this.noteLanguage(ref.chatId, message.lang);
    this.show(ref.messageId, ref.chatId, message, true);
    if (message.file) await this.saveFile(message.lang, message.file);
  }

  async pin(ref: SentRef): Promise<void> {
    const lang = this.lang();
    this.say('console.pinned', { id: this.book.messageNumber(ref.messageId) ?? '?', place: this.placeName(ref.chatId, lang) });
  }

  async postPoll(chatId: string, poll: OutboundPoll): Promise<{ ref: SentRef; pollId: string }> {
    const number = this.nextMessage++;
    const messageId = `${this.tag}.${number}`;
    const pollId = `${this.tag}.poll${number}`;
    this.book.addMessage(messageId, number, chatId);
    const lang = poll.lang;
    const options = this.book.addPoll(pollId, messageId, poll.options.map((o) => render(lang, o, stripControl)));
    this.print([
      this.style.bot(text(lang, 'console.header.poll', { place: this.placeName(chatId, lang), id: number })),
      indent(render(lang, poll.question, stripControl)),
      ...renderChoices(this.style, options.map((o) => [o])).map((l) => indent(l)),
      indent(this.style.dim(text(lang, 'console.poll.hint'))),
    ].join('\n'));
    return { ref: { chatId, messageId }, pollId };
  }

  async closePoll(_ref: SentRef, pollId: string): Promise<void> {
    const number = this.book.closePoll(pollId);
    if (number !== undefined) this.say('console.poll.closed', { id: number });
  }

  async chatAdmins(chatId: string): Promise<UserRef[]> {
    if (chatId !== this.opts.group.chatId) return [];
    return this.opts.people.filter((p) => p.admin).map((p) => this.userRef(p));
  }

  private async saveFile(lang: Lang, file: NonNullable<OutboundMessage['file']>): Promise<void> {
    try {
      const path = await saveOutgoingFile(this.opts.outDir, file.name, file.content);
      this.print(indent(this.style.meta(text(lang, 'console.file.saved', { path }))));
    } catch (err) {
      this.opts.log?.warn({ err, file: file.name }, 'console: could not save a file');
      this.print(indent(text(lang, 'console.file.failed', { name: file.name, error: (err as Error).message })));
    }
  }
}
