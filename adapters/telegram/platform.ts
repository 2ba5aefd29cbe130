import type { IncomingMessage, ServerResponse } from 'node:http';
import { Telegraf } from 'telegraf';
import { DEFAULT_LANG, isLang, msg, type Lang } from '../../src/i18n/index.js';
import type {
  ChatPlatform, InboundEvent, OutboundMessage, OutboundPoll, PlatformSupport, ReplyTarget, RespondMode, SentRef, UserRef,
} from '../../src/platform.js';
import { HandleLaterError, PlatformError, respondBySending } from '../../src/platform.js';
import { findChat, getComplex, markUpdateProcessed } from '../../src/tenancy/queries.js';
import { decodeCallbackData, inlineKeyboard, type InlineKeyboard } from './callback.js';
import { commandMenus } from './commands.js';
import { isNotModified, migratedTo, toPlatformError } from './errors.js';
import { LIMITS, renderBodyHtml, renderPlain, splitMessage } from './format.js';
import { ALLOWED_UPDATES, mapUpdate, userRef, type Mapped, type TgUpdate } from './inbound.js';
import { downloader } from './files.js';
import { isDatabaseUnavailable } from '../../src/bot/transient.js';
import { finishInbound, pendingInbound, queueInbound } from '../../src/bot/inbox.js';
import { KeyedQueue } from './ordering.js';
import { TelegramPoller } from './polling.js';
import { createWebhookHandler, derivedWebhookSecret } from './webhook.js';
import type { TelegramOptions } from './options.js';

export type { TelegramOptions } from './options.js';


const PUBLIC_API_ROOT = 'https://api.telegram.org';

export class TelegramPlatform implements ChatPlatform {
  readonly name = 'telegram' as const;
  /** Non-anonymous polls report every voter; no ephemeral messages or forms (those go by DM). */
  readonly supports: PlatformSupport = { ephemeral: false, nativePolls: true, modals: false, maxTextLength: LIMITS.text, markup: 'html' };
  readonly bot: Telegraf;
  /** The path Telegram posts to in webhook mode (mount `webhookHandler` there). */
  readonly webhookPath: string | undefined;
  readonly webhookHandler: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  private readonly secret: string | undefined;
  private me: { id: number; username: string } | undefined;
  private onEvent: ((event: InboundEvent) => Promise<void>) | undefined;
  private poller: TelegramPoller | undefined;
  private readonly inflight = new Set<Promise<void>>();
  private readonly perChat: KeyedQueue;
  private readonly now: () => Date;

  constructor(private readonly opts: TelegramOptions) {
    this.now = opts.now ?? (() => new Date());
    this.perChat = new KeyedQueue(opts.maxConcurrentHandlers ?? 8);
    this.bot = new Telegraf(opts.token, {
      telegram: { apiRoot: opts.apiRoot ?? PUBLIC_API_ROOT, webhookReply: false },
      // Our own handler never throws; a long job must not be cut off by telegraf's 90 s timeout.
      handlerTimeout: Number.POSITIVE_INFINITY,
    });
    this.secret = opts.webhook ? opts.webhook.secret ?? derivedWebhookSecret(opts.token) : undefined;
    this.webhookPath = opts.webhook ? new URL(opts.webhook.url).pathname : undefined;
    this.webhookHandler = createWebhookHandler({
      secret: this.secret ?? derivedWebhookSecret(opts.token), log: opts.log,
      ready: () => this.onEvent !== undefined && this.opts.webhook !== undefined,
      handle: (update) => {
        this.answerPress(update);
        return this.track(this.dispatch(update));
      },
      answerWithinMs: opts.webhookAnswerWithinMs,
    });
  }

  async start(onEvent: (event: InboundEvent) => Promise<void>): Promise<void> {
    const me = await this.bot.telegram.getMe();
    this.bot.botInfo = me;
    this.me = { id: me.id, username: me.username };
    if (this.opts.botUsername && this.opts.botUsername.replace(/^@/, '') !== me.username) {
      this.opts.log.warn({ configured: this.opts.botUsername, actual: me.username }, 'telegram: bot username differs from getMe');
    }
    this.onEvent = onEvent;
    await this.registerCommands();
    const allowed_updates = [...ALLOWED_UPDATES];
    if (this.opts.webhook) {
      await this.bot.telegram.setWebhook(this.opts.webhook.url, { secret_token: this.secret, allowed_updates, drop_pending_updates: false });
      this.opts.log.info({ url: this.opts.webhook.url, bot: me.username }, 'telegram: webhook registered');
      return;
    }
    // A webhook left from webhook mode makes Telegram refuse getUpdates.
    await this.bot.telegram.deleteWebhook({ drop_pending_updates: false });
    this.poller = new TelegramPoller({ telegram: this.bot.telegram, log: this.opts.log, allowedUpdates: allowed_updates,
      accept: (updates) => { for (const update of updates) this.answerPress(update); },
      handle: (update) => this.track(this.dispatch(update)),
      inbox: {
        queue: (updates) => queueInbound(this.opts.db, 'telegram', updates.map((u) => ({ id: u.update_id, payload: u }))),
        finish: (ids) => finishInbound(this.opts.db, 'telegram', ids),
        pending: async () => (await pendingInbound(this.opts.db, 'telegram')).map((row) => row.payload as TgUpdate),
      } });
    this.poller.start();
    this.opts.log.info({ bot: me.username }, 'telegram: long polling started');
  }

  async stop(): Promise<void> {
    if (this.poller) {
      await this.poller.stop();
      this.poller = undefined;
    }
    await Promise.allSettled([...this.inflight]);
    this.onEvent = undefined;
  }

  /** Resolves when every update accepted so far (webhook) has been handled. */
  async idle(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  /** setMyCommands per scope and language. A failure is logged: the bot works without menus. */
  private async registerCommands(): Promise<void> {
    for (const menu of commandMenus(this.opts.commands ?? [])) {
      if (menu.commands.length === 0) continue;
      await this.bot.telegram.setMyCommands(menu.commands, {
        scope: { type: menu.scope }, ...(menu.languageCode ? { language_code: menu.languageCode } : {}),
      }).catch((err: unknown) => { this.opts.log.warn({ err, scope: menu.scope, lang: menu.languageCode }, 'telegram: setMyCommands failed'); });
    }
  }

  /** Telegram's deep link: opens the private chat and sends `/start <payload>` (username from getMe, else the configured one). */
  deepLink(payload: string): string | undefined {
    const username = this.me?.username ?? this.opts.botUsername?.replace(/^@/, '');
    return username ? `https://t.me/${username}?start=${payload}` : undefined;
  }

  /** Keeps count of updates being handled (stop() and idle() wait for them) and passes the outcome on. */
  private track(work: Promise<void>): Promise<void> {
    const done: Promise<void> = work.then(() => undefined, () => undefined).finally(() => { this.inflight.delete(done); });
    this.inflight.add(done);
    return work;
  }

  private async dispatch(update: TgUpdate): Promise<void> {
    const onEvent = this.onEvent;
    if (!onEvent || !this.me) return;
    const mapped: Mapped = mapUpdate(update, { me: this.me, download: (id) => downloader(this.bot.telegram, id) });
    if (mapped.kind === 'anonymous') {
      await this.answerAnonymous(update.update_id, mapped).catch((err: unknown) => { this.opts.log.warn({ err }, 'telegram: anonymous admin reply failed'); });
      return;
    }
    const chatId = mapped.events[0]?.chat.chatId;
    try {
      await this.perChat.run(chatId, async () => {
        for (const event of mapped.events) {
          const decoded = event.kind === 'button' ? { ...event, action: await decodeCallbackData(this.opts.db, event.action, this.now()) } : event;
          await onEvent(decoded);
        }
      });
    } catch (err) {
      // Not handled: Telegram must deliver it again (the webhook answers non-2xx, polling keeps its offset).
      if (err instanceof HandleLaterError) throw err;
      if (isDatabaseUnavailable(err)) throw new HandleLaterError(err);
      this.opts.log.error({ err, updateId: update.update_id }, 'telegram: event handling failed');
    }
  }

  /**
   * Answers a button press as soon as it arrives, before its turn to be handled and whether or not that
   * succeeds: it stops the spinner on the resident's phone (Telegram refuses answers after ~15 s).
   */
  private answerPress(update: TgUpdate): void {
    const id = update.callback_query?.id;
    if (id === undefined) return;
    void this.track(this.bot.telegram.answerCbQuery(id).then(() => undefined, (err: unknown) => {
      this.opts.log.debug({ err }, 'telegram: answerCallbackQuery failed');
    }));
  }

  private async answerAnonymous(updateId: number, mapped: Extract<Mapped, { kind: 'anonymous' }>): Promise<void> {
    // This answer bypasses the bot, so it dedupes the update itself (redelivery, two instances).
    if (!(await markUpdateProcessed(this.opts.db, 'telegram', String(updateId)))) return;
    const chat = await findChat(this.opts.db, 'telegram', mapped.chat.chatId);
    const complex = chat?.complexId ? await getComplex(this.opts.db, chat.complexId) : null;
    const lang: Lang = isLang(complex?.language) ? complex.language : DEFAULT_LANG;
    await this.send(mapped.chat.chatId, { lang, body: [msg('telegram.anonymousAdmin')], replyTo: mapped.messageId, threadId: mapped.chat.threadId });
  }

  /** A send to a group that became a supergroup: record the move, then deliver to the new id (once). */
  private async followMigration<T>(chatId: string, err: unknown, again: (to: string) => Promise<T>): Promise<T> {
    const to = migratedTo(err);
    if (!to) throw err;
    await this.onEvent?.({ kind: 'chat_migrated', newChatId: to, chat: { platform: 'telegram', chatId, isDirect: false },
      user: { platform: 'telegram', userId: chatId, displayName: '' } });
    return again(to);
  }

  async respond(to: ReplyTarget, message: OutboundMessage, mode: RespondMode): Promise<SentRef> {
    return respondBySending(this, to, message, mode);
  }

  async send(chatId: string, message: OutboundMessage): Promise<SentRef> {
    try {
      return await this.sendNow(chatId, message).catch((err: unknown) => this.followMigration(chatId, err, (to) => this.sendNow(to, message)));
    } catch (err) {
      throw toPlatformError(err, 'send');
    }
  }

  async sendDirect(userId: string, message: OutboundMessage): Promise<SentRef> {
    // A private chat's id is the user's id. Fails (403, permanent) until the user has started the bot.
    return this.send(userId, { ...message, threadId: undefined, replyTo: undefined });
  }

  private async sendNow(chatId: string, message: OutboundMessage): Promise<SentRef> {
    const tg = this.bot.telegram;
    const html = renderBodyHtml(message.lang, message.body);
    const keyboard = await inlineKeyboard(this.opts.db, message.lang, message.buttons, this.now());
    const place = { ...(message.threadId ? { message_thread_id: Number(message.threadId) } : {}) };
    let replyTo = message.replyTo ? { reply_parameters: { message_id: Number(message.replyTo), allow_sending_without_reply: true } } : {};
    let last: { message_id: number } | undefined;
    const text = html;
    if (message.photoFileId || message.file) {
      const fits = html.length > 0 && html.length <= LIMITS.caption;
      const extra = { ...place, ...replyTo, ...(fits ? { caption: html, parse_mode: 'HTML' as const, ...(keyboard ? { reply_markup: keyboard } : {}) } : {}) };
      last = message.photoFileId
        ? await tg.sendPhoto(chatId, message.photoFileId, extra)
        : await tg.sendDocument(chatId, { source: message.file!.content, filename: message.file!.name }, extra);
      if (fits) return { chatId, messageId: String(last.message_id) };
      replyTo = {};
    }
    const chunks = text ? splitMessage(text) : [];
    if (chunks.length === 0 && !last) throw new PlatformError('telegram send: empty message', 'permanent');
    last = (await this.sendChunks(chatId, chunks, keyboard, { ...place, ...replyTo })) ?? last;
    return { chatId, messageId: String(last!.message_id) };
  }

  /** Sends text parts in order; the first replies, the last carries the buttons. */
  private async sendChunks(chatId: string, chunks: string[], keyboard: InlineKeyboard | undefined,
    first: Record<string, unknown>): Promise<{ message_id: number } | undefined> {
    let last: { message_id: number } | undefined;
    for (const [i, chunk] of chunks.entries()) {
      const isLast = i === chunks.length - 1;
      last = await this.bot.telegram.sendMessage(chatId, chunk, {
        parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...(i === 0 ? first : {}),
        ...(typeof first.message_thread_id === 'number' ? { message_thread_id: first.message_thread_id } : {}),
        ...(isLast && keyboard ? { reply_markup: keyboard } : {}),
      });
    }
    return last;
  }

  async edit(ref: SentRef, message: OutboundMessage): Promise<void> {
    const tg = this.bot.telegram;
    const [first, ...rest] = splitMessage(renderBodyHtml(message.lang, message.body));
    const keyboard = await inlineKeyboard(this.opts.db, message.lang, message.buttons, this.now());
    // Without reply_markup Telegram removes the old buttons, which is what an edited-in-place result wants.
    const markup = rest.length === 0 && keyboard ? { reply_markup: keyboard } : {};
    try {
      await tg.editMessageText(ref.chatId, Number(ref.messageId), undefined, first ?? '', { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...markup })
        .catch(async (err: unknown) => {
          if (isNotModified(err)) return;
          // A photo or document: its caption is what can be edited.
          if (!/no text in the message/i.test(String((err as Error).message))) throw err;
          await tg.editMessageCaption(ref.chatId, Number(ref.messageId), undefined, first ?? '', { parse_mode: 'HTML', ...markup });
        });
      // What no longer fits follows as new messages, with the buttons on the last one.
      if (rest.length) await this.sendChunks(ref.chatId, rest, keyboard, message.threadId ? { message_thread_id: Number(message.threadId) } : {});
    } catch (err) {
      throw toPlatformError(err, 'edit');
    }
  }

  async pin(ref: SentRef): Promise<void> {
    try {
      await this.bot.telegram.pinChatMessage(ref.chatId, Number(ref.messageId), { disable_notification: true });
    } catch (err) {
      const mapped = toPlatformError(err, 'pin');
      if (mapped.kind !== 'permanent') throw mapped;
      // No right to pin in this group: the message itself arrived, which is what matters.
      this.opts.log.warn({ err, chatId: ref.chatId }, 'telegram: could not pin');
    }
  }

  async postPoll(chatId: string, poll: OutboundPoll): Promise<{ ref: SentRef; pollId: string }> {
    try {
      const sent = await this.bot.telegram.sendPoll(chatId, renderPlain(poll.lang, poll.question, LIMITS.pollQuestion),
        poll.options.map((o) => renderPlain(poll.lang, o, LIMITS.pollOption)), {
          // Non-anonymous, so every vote (and change, and retraction) arrives as poll_answer with the voter.
          is_anonymous: false, ...(poll.threadId ? { message_thread_id: Number(poll.threadId) } : {}),
        });
      return { ref: { chatId, messageId: String(sent.message_id) }, pollId: sent.poll.id };
    } catch (err) {
      throw toPlatformError(err, 'sendPoll');
    }
  }

  async closePoll(ref: SentRef, _pollId: string): Promise<void> {
    try {
      await this.bot.telegram.stopPoll(ref.chatId, Number(ref.messageId));
    } catch (err) {
      if (/already been closed/i.test(String((err as Error).message))) return;
      throw toPlatformError(err, 'stopPoll');
    }
  }

  async chatAdmins(chatId: string): Promise<UserRef[]> {
    try {
      const admins = await this.bot.telegram.getChatAdministrators(chatId);
      // Anonymous admins are real people too; they are listed here with their own accounts.
      return admins.map((a) => userRef(a.user));
    } catch (err) {
      throw toPlatformError(err, 'getChatAdministrators');
    }
  }
}
