import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, BotApiState, type BotMessage, type FakeChat, type FakeUser } from './bot-api.js';
import { entitiesOf, Updates } from './updates.js';

export type { BotMessage, FakeChat, FakeUser } from './bot-api.js';

type Params = Record<string, unknown>;

interface Failure { code: number; retryAfter?: number | undefined }

/**
 * A fake Telegram Bot API server on node:http (port 0) that a real telegraf bot talks to through
 * `telegram: { apiRoot }`. It holds chats and users, lets a test inject updates (messages, button
 * presses, poll answers, member changes, photos, documents), serves getUpdates long polling,
 * implements the methods the adapter uses, fails on demand (429 with retry_after, 5xx) and records
 * every call the bot made.
 */
export class FakeTelegram {
  readonly token = '7000001:TEST-fake-token';
  readonly state = new BotApiState();
  readonly updates = new Updates(this.state);
  /** Every API call, in order (failed ones with the status they got). */
  readonly calls: { method: string; params: Params; failedWith?: number }[] = [];
  apiRoot = '';
  private readonly failures = new Map<string, Failure[]>();
  private readonly server: Server;

  private constructor() {
    this.server = createServer((req, res) => { void this.route(req, res); });
  }

  static async start(): Promise<FakeTelegram> {
    const fake = new FakeTelegram();
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.apiRoot = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.updates.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  get me(): FakeUser { return this.state.me; }

  /** The next `times` calls of `method` fail: 429 with retry_after (seconds), or a 5xx. */
  fail(method: string, code: number, opts: { retryAfter?: number; times?: number } = {}): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < (opts.times ?? 1); i++) list.push({ code, retryAfter: opts.retryAfter });
    this.failures.set(method, list);
  }

  callsOf(method: string): Params[] {
    return this.calls.filter((c) => c.method === method && c.failedWith === undefined).map((c) => c.params);
  }

  /** What the bot sent to a chat (edits applied), oldest first. */
  sentTo(chat: FakeChat | number): BotMessage[] {
    const id = typeof chat === 'number' ? chat : chat.id;
    return this.state.messages.filter((m) => m.chatId === id);
  }

  lastIn(chat: FakeChat | number): BotMessage | undefined {
    return this.sentTo(chat).at(-1);
  }

  // The world: chats, members, admins.
  private nextGroupId = 4001;

  group(title: string, opts: { admins?: FakeUser[]; anonymousAdmins?: FakeUser[]; supergroup?: boolean; forum?: boolean } = {}): FakeChat {
    const n = this.nextGroupId++;
    const chat: FakeChat = opts.supergroup || opts.forum
      ? { id: -(1000000000000 + n), type: 'supergroup', title, ...(opts.forum ? { is_forum: true } : {}) }
      : { id: -n, type: 'group', title };
    this.state.chats.set(chat.id, chat);
    this.state.admins.set(chat.id, [
      ...(opts.admins ?? []).map((user, i) => ({ user, status: i === 0 ? 'creator' as const : 'administrator' as const, is_anonymous: false })),
      ...(opts.anonymousAdmins ?? []).map((user) => ({ user, status: 'administrator' as const, is_anonymous: true })),
      { user: this.me, status: 'administrator' as const, is_anonymous: false },
    ]);
    return chat;
  }

  /** The user's private chat with the bot; `started` means they pressed Start (the bot may write to them). */
  privateChat(user: FakeUser, started = true): FakeChat {
    const chat: FakeChat = { id: user.id, type: 'private' };
    this.state.chats.set(chat.id, chat);
    if (started) this.state.started.add(user.id);
    return chat;
  }

  // Injecting updates. Each resolves once the bot has handled the update (long polling).

  async deliver(body: Record<string, unknown>): Promise<number> {
    const update = this.updates.push(body);
    await this.updates.handled(update);
    return update.update_id;
  }

  say(user: FakeUser, chat: FakeChat, text: string, opts: { threadId?: number; replyTo?: BotMessage } = {}): Promise<number> {
    if (chat.type === 'private') this.state.started.add(user.id);
    return this.deliver(this.updates.text(user, chat, text, opts));
  }

  /** Presses the button labelled `label` on the newest message in the chat that has it. */
  press(user: FakeUser, chat: FakeChat, label: string): Promise<number> {
    const message = [...this.sentTo(chat)].reverse().find((m) => m.buttons.flat().some((b) => b.text.includes(label)));
    const button = message?.buttons.flat().find((b) => b.text.includes(label));
    if (!message || !button) throw new Error(`no button "${label}" in chat ${chat.id}`);
    return this.deliver(this.updates.callback(user, message, button.data));
  }

  vote(user: FakeUser, pollId: string, optionIds: number[]): Promise<number> {
    return this.deliver(this.updates.pollAnswer(user, pollId, optionIds));
  }

  join(chat: FakeChat, ...users: FakeUser[]): Promise<number> {
    return this.deliver(this.updates.message(users[0]!, chat, { new_chat_members: users }));
  }

  leave(chat: FakeChat, user: FakeUser): Promise<number> {
    return this.deliver(this.updates.message(user, chat, { left_chat_member: user }));
  }

  /** Someone adds the bot to a group: Telegram sends my_chat_member and a new_chat_members message. */
  async addBot(chat: FakeChat, by: FakeUser): Promise<void> {
    await this.deliver({ my_chat_member: { chat, from: by, date: 0, old_chat_member: { status: 'left', user: this.me },
      new_chat_member: { status: 'member', user: this.me } } });
    await this.deliver(this.updates.message(by, chat, { new_chat_members: [this.me] }));
  }

  async removeBot(chat: FakeChat, by: FakeUser): Promise<void> {
    await this.deliver({ my_chat_member: { chat, from: by, date: 0, old_chat_member: { status: 'member', user: this.me },
      new_chat_member: { status: 'kicked', user: this.me } } });
  }

  /** The group is upgraded to a supergroup: a new chat id; the old one answers 400 migrate_to_chat_id from now on. */
  async migrate(chat: FakeChat, by: FakeUser): Promise<FakeChat> {
    const next: FakeChat = { id: -(1000000000000 + this.nextGroupId++), type: 'supergroup', ...(chat.title ? { title: chat.title } : {}) };
    this.state.chats.set(next.id, next);
    this.state.admins.set(next.id, this.state.admins.get(chat.id) ?? []);
    this.state.migrated.set(chat.id, next.id);
    await this.deliver(this.updates.message(by, chat, { migrate_to_chat_id: next.id }));
    await this.deliver(this.updates.message(by, next, { migrate_from_chat_id: chat.id }));
    return next;
  }

  photo(user: FakeUser, chat: FakeChat, caption?: string): Promise<number> {
    const fileId = this.state.id('photo-');
    this.state.files.set(fileId, { content: Buffer.from(`jpeg:${fileId}`), path: `photos/${fileId}.jpg` });
    const small = this.state.id('photo-');
    return this.deliver(this.updates.message(user, chat, {
      photo: [{ file_id: small, file_unique_id: `u${small}`, width: 90, height: 60 }, { file_id: fileId, file_unique_id: `u${fileId}`, width: 1280, height: 853 }],
      ...(caption ? { caption, caption_entities: entitiesOf(caption) } : {}),
    }));
  }

  document(user: FakeUser, chat: FakeChat, name: string, content: string, caption?: string): Promise<number> {
    const fileId = this.state.id('doc-');
    this.state.files.set(fileId, { content: Buffer.from(content), path: `documents/${fileId}-${name}` });
    return this.deliver(this.updates.message(user, chat, {
      document: { file_id: fileId, file_unique_id: `u${fileId}`, file_name: name, mime_type: name.endsWith('.json') ? 'application/json' : 'application/yaml' },
      ...(caption ? { caption, caption_entities: entitiesOf(caption) } : {}),
    }));
  }

  /** An admin writing anonymously: from GroupAnonymousBot, on behalf of the group. */
  anonymousSay(chat: FakeChat, text: string): Promise<number> {
    const anonymous: FakeUser = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };
    return this.deliver(this.updates.message(anonymous, chat, { text, sender_chat: chat, entities: entitiesOf(text) }));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.apiRoot);
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file && req.method === 'GET') {
      const found = [...this.state.files.values()].find((f) => f.path === file[2]);
      if (file[1] !== this.token || !found) return void res.writeHead(404).end('Not Found');
      return void res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(found.content);
    }
    const api = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!api) return void res.writeHead(404).end();
    const [, token, method] = api as unknown as [string, string, string];
    if (token !== this.token) return void FakeTelegram.json(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const { params, file: upload } = await FakeTelegram.body(req);
    const failure = this.failures.get(method)?.shift();
    if (failure) {
      this.calls.push({ method, params, failedWith: failure.code });
      if (failure.code >= 500) return void res.writeHead(failure.code, { 'content-type': 'text/html' }).end('<html>Bad Gateway</html>');
      return void FakeTelegram.json(res, failure.code, { ok: false, error_code: failure.code,
        description: `Too Many Requests: retry after ${failure.retryAfter ?? 1}`, parameters: { retry_after: failure.retryAfter ?? 1 } });
    }
    this.calls.push({ method, params });
    if (method === 'getUpdates') {
      const result = await this.updates.poll(params, res);
      if (!res.destroyed) FakeTelegram.json(res, 200, { ok: true, result });
      return;
    }
    try {
      FakeTelegram.json(res, 200, { ok: true, result: this.state.call(method, params, upload) });
    } catch (err) {
      if (!(err instanceof ApiError)) {
        FakeTelegram.json(res, 500, { ok: false, error_code: 500, description: `fake server bug: ${String(err)}` });
        return;
      }
      FakeTelegram.json(res, err.code, { ok: false, error_code: err.code, description: err.message,
        ...(err.parameters ? { parameters: err.parameters } : {}) });
    }
  }

  private static json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }

  /** JSON or multipart (telegraf uses multipart for uploads); multipart is parsed by undici's FormData. */
  private static async body(req: IncomingMessage): Promise<{ params: Params; file?: { field: string; name: string; content: Buffer } }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    if (raw.length === 0) return { params: {} };
    if (type.startsWith('application/json')) return { params: JSON.parse(raw.toString('utf8')) as Params };
    if (!type.startsWith('multipart/form-data')) return { params: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) };
    const form = await new Request('http://fake/', { method: 'POST', headers: { 'content-type': type }, body: raw }).formData();
    const params: Params = {};
    let file: { field: string; name: string; content: Buffer } | undefined;
    for (const [key, value] of form.entries()) {
      if (typeof value === 'string') params[key] = value;
      else file = { field: key, name: value.name, content: Buffer.from(await value.arrayBuffer()) };
    }
    return { params, ...(file ? { file } : {}) };
  }
}
