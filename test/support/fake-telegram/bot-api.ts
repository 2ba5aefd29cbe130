import { parseHtml, ParseError } from './html.js';

export interface FakeUser { id: number; first_name: string; last_name?: string; username?: string; language_code?: string; is_bot?: boolean }
export interface FakeChat { id: number; type: 'private' | 'group' | 'supergroup'; title?: string; is_forum?: boolean }
type Params = Record<string, unknown>;

/** One message the bot sent, as a user sees it now (edits applied). */
export interface BotMessage {
  chatId: number;
  messageId: number;
  /** The visible text (HTML parsed, entities decoded) or the caption. */
  text: string;
  html: string;
  links: { text: string; href: string }[];
  threadId?: number | undefined;
  replyTo?: number | undefined;
  buttons: { text: string; data: string }[][];
  photo?: string | undefined;
  document?: { name: string; content: Buffer } | undefined;
  pollId?: string | undefined;
  pinned: boolean;
  edits: number;
}

export interface FakePoll { id: string; chatId: number; messageId: number; question: string; options: string[]; isAnonymous: boolean; closed: boolean }

/** A Bot API error the fake answers with (HTTP status = error_code, like Telegram). */
export class ApiError extends Error {
  constructor(readonly code: number, description: string, readonly parameters?: Params) {
    super(description);
  }
}

const CALLBACK_DATA_MAX = 64;
/** A scalar request parameter as a string ('' when absent). */
const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '');

/** The state behind the fake Bot API: chats, admins, files, what the bot sent; one method per API call. */
export class BotApiState {
  readonly me: FakeUser = { id: 7000001, is_bot: true, first_name: 'Zelfbeheer', username: 'zelfbeheer_test_bot' };
  readonly chats = new Map<number, FakeChat>();
  readonly admins = new Map<number, { user: FakeUser; status: 'creator' | 'administrator'; is_anonymous: boolean }[]>();
  /** Old group id → supergroup id, after a migration. */
  readonly migrated = new Map<number, number>();
  /** Users who started the bot (a bot cannot write first). */
  readonly started = new Set<number>();
  readonly files = new Map<string, { content: Buffer; path: string }>();
  readonly messages: BotMessage[] = [];
  readonly polls = new Map<string, FakePoll>();
  readonly callbacks = new Map<string, { answered: boolean; text?: string }>();
  readonly commandMenus = new Map<string, { command: string; description: string }[]>();
  webhook: { url: string; secret?: string; allowedUpdates?: string[] } | null = null;
  private nextMessageId = 100;
  private nextId = 1;

  id(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  newMessageId(): number {
    return this.nextMessageId++;
  }

  private chatFor(params: Params): FakeChat {
    const id = Number(params.chat_id);
    const to = this.migrated.get(id);
    if (to !== undefined) throw new ApiError(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: to });
    const chat = this.chats.get(id);
    if (!chat) throw new ApiError(400, 'Bad Request: chat not found');
    if (chat.type === 'private' && !this.started.has(chat.id)) throw new ApiError(403, "Forbidden: bot can't initiate conversation with a user");
    return chat;
  }

  private message(chatId: number, messageId: number): BotMessage {
    const m = this.messages.find((x) => x.chatId === chatId && x.messageId === messageId);
    if (!m) throw new ApiError(400, 'Bad Request: message to edit not found');
    return m;
  }

  private static text(params: Params, field: 'text' | 'caption', limit: number): { text: string; html: string; links: BotMessage['links'] } {
    const raw = str(params[field]);
    let parsed = { text: raw, links: [] as BotMessage['links'] };
    if (params.parse_mode === 'HTML') {
      try { parsed = parseHtml(raw); } catch (err) {
        if (err instanceof ParseError) throw new ApiError(400, err.message);
        throw err;
      }
    }
    if (field === 'text' && parsed.text.trim() === '') throw new ApiError(400, 'Bad Request: message text is empty');
    if (parsed.text.length > limit) throw new ApiError(400, `Bad Request: message ${field === 'text' ? 'is' : 'caption is'} too long`);
    return { text: parsed.text, html: raw, links: parsed.links };
  }

  private static buttons(params: Params): BotMessage['buttons'] {
    const markup = (typeof params.reply_markup === 'string' ? JSON.parse(params.reply_markup) : params.reply_markup) as
      { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined;
    return (markup?.inline_keyboard ?? []).map((row) => row.map((b) => {
      if (Buffer.byteLength(b.callback_data, 'utf8') > CALLBACK_DATA_MAX) throw new ApiError(400, 'Bad Request: BUTTON_DATA_INVALID');
      return { text: b.text, data: b.callback_data };
    }));
  }

  private record(chat: FakeChat, params: Params, fields: Partial<BotMessage>): Params {
    const reply = (typeof params.reply_parameters === 'string' ? JSON.parse(params.reply_parameters) : params.reply_parameters) as { message_id?: number } | undefined;
    const m: BotMessage = {
      chatId: chat.id, messageId: this.newMessageId(), text: '', html: '', links: [], buttons: BotApiState.buttons(params),
      threadId: params.message_thread_id === undefined ? undefined : Number(params.message_thread_id),
      replyTo: reply?.message_id, pinned: false, edits: 0, ...fields,
    };
    this.messages.push(m);
    return this.asTelegram(m);
  }

  asTelegram(m: BotMessage): Params {
    const chat = this.chats.get(m.chatId);
    return {
      message_id: m.messageId, date: Math.floor(Date.now() / 1000), chat, from: this.me, text: m.text || undefined,
      ...(m.threadId ? { message_thread_id: m.threadId, is_topic_message: chat?.is_forum === true } : {}),
      ...(m.buttons.length ? { reply_markup: { inline_keyboard: m.buttons.map((r) => r.map((b) => ({ text: b.text, callback_data: b.data }))) } } : {}),
      ...(m.pollId && this.polls.has(m.pollId) ? { poll: this.pollObject(this.polls.get(m.pollId)!) } : {}),
    };
  }

  private pollObject(p: FakePoll): Params {
    return { id: p.id, question: p.question, options: p.options.map((text) => ({ text, voter_count: 0 })), total_voter_count: 0,
      is_closed: p.closed, is_anonymous: p.isAnonymous, type: 'regular', allows_multiple_answers: false };
  }

  call(method: string, params: Params, file?: { field: string; name: string; content: Buffer }): unknown {
    switch (method) {
      case 'getMe': return { ...this.me, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };
      case 'deleteWebhook': this.webhook = null; return true;
      case 'setWebhook': {
        this.webhook = { url: str(params.url), ...(params.secret_token ? { secret: str(params.secret_token) } : {}),
          ...(params.allowed_updates ? { allowedUpdates: params.allowed_updates as string[] } : {}) };
        return true;
      }
      case 'setMyCommands': {
        const scope = (params.scope as { type?: string } | undefined)?.type ?? 'default';
        this.commandMenus.set(`${scope}|${str(params.language_code)}`, params.commands as { command: string; description: string }[]);
        return true;
      }
      case 'sendMessage': {
        const chat = this.chatFor(params);
        return this.record(chat, params, BotApiState.text(params, 'text', 4096));
      }
      case 'sendPhoto': case 'sendDocument': {
        const chat = this.chatFor(params);
        const caption = params.caption === undefined ? { text: '', html: '', links: [] } : BotApiState.text(params, 'caption', 1024);
        if (method === 'sendPhoto') return this.record(chat, params, { ...caption, photo: str(params.photo) });
        if (!file) throw new ApiError(400, 'Bad Request: there is no document in the request');
        return this.record(chat, params, { ...caption, document: { name: file.name, content: file.content } });
      }
      case 'editMessageText': case 'editMessageCaption': {
        const m = this.message(Number(params.chat_id), Number(params.message_id));
        if (method === 'editMessageText' && (m.photo || m.document)) throw new ApiError(400, 'Bad Request: there is no text in the message to edit');
        const next = BotApiState.text(params, method === 'editMessageText' ? 'text' : 'caption', method === 'editMessageText' ? 4096 : 1024);
        const buttons = BotApiState.buttons(params);
        if (next.html === m.html && JSON.stringify(buttons) === JSON.stringify(m.buttons)) {
          throw new ApiError(400, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
        }
        Object.assign(m, next, { buttons, edits: m.edits + 1 });
        return this.asTelegram(m);
      }
      case 'answerCallbackQuery': {
        const q = this.callbacks.get(str(params.callback_query_id));
        if (!q || q.answered) throw new ApiError(400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
        q.answered = true;
        if (params.text) q.text = str(params.text);
        return true;
      }
      case 'sendPoll': {
        const chat = this.chatFor(params);
        const options = (typeof params.options === 'string' ? JSON.parse(params.options) : params.options) as (string | { text: string })[];
        if (options.length < 2 || options.length > 10) throw new ApiError(400, 'Bad Request: poll must have 2-10 options');
        const id = this.id('poll-');
        const message = this.record(chat, params, { text: str(params.question), pollId: id });
        this.polls.set(id, { id, chatId: chat.id, messageId: Number(message.message_id), question: str(params.question),
          options: options.map((o) => (typeof o === 'string' ? o : o.text)), isAnonymous: params.is_anonymous !== false, closed: false });
        return this.asTelegram(this.messages.at(-1)!);
      }
      case 'stopPoll': {
        const m = this.message(Number(params.chat_id), Number(params.message_id));
        const poll = m.pollId ? this.polls.get(m.pollId) : undefined;
        if (!poll) throw new ApiError(400, 'Bad Request: message with poll to stop not found');
        if (poll.closed) throw new ApiError(400, 'Bad Request: poll has already been closed');
        poll.closed = true;
        return this.pollObject(poll);
      }
      case 'pinChatMessage': {
        this.message(Number(params.chat_id), Number(params.message_id)).pinned = true;
        return true;
      }
      case 'getChatAdministrators': {
        const chat = this.chatFor(params);
        if (chat.type === 'private') throw new ApiError(400, 'Bad Request: there are no administrators in the private chat');
        return (this.admins.get(chat.id) ?? []).map((a) => ({ user: a.user, status: a.status, is_anonymous: a.is_anonymous }));
      }
      case 'getFile': {
        const f = this.files.get(str(params.file_id));
        if (!f) throw new ApiError(400, 'Bad Request: invalid file_id');
        return { file_id: params.file_id, file_unique_id: `u${str(params.file_id)}`, file_size: f.content.length, file_path: f.path };
      }
      default: throw new ApiError(404, 'Not Found');
    }
  }
}
