import type { ServerResponse } from 'node:http';
import type { BotApiState, BotMessage, FakeChat, FakeUser } from './bot-api.js';

type Update = Record<string, unknown> & { update_id: number };

/** Entities Telegram would attach: a bot command at the start, @mentions anywhere. */
export function entitiesOf(text: string): { type: string; offset: number; length: number }[] {
  const out: { type: string; offset: number; length: number }[] = [];
  const command = /^\/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?/.exec(text);
  if (command) out.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const m of text.matchAll(/(?<![\w/])@[A-Za-z0-9_]{3,32}/g)) out.push({ type: 'mention', offset: m.index, length: m[0].length });
  return out;
}

/**
 * The update queue behind getUpdates: long polling with offset confirmation, allowed_updates
 * filtering, and a way for tests to wait until the bot has taken (confirmed) an update and, with
 * `settle`, finished it.
 */
export class Updates {
  private queue: Update[] = [];
  private replay: Update[] = [];
  private readonly all = new Map<number, Update>();
  private nextId = 1000;
  private confirmedBelow = 0;
  private allowed: string[] | undefined;
  private waiters: ((updates: Update[]) => void)[] = [];
  private handledWaiters: { id: number; resolve: () => void }[] = [];
  /** Updates not delivered because the bot did not ask for their type. */
  readonly dropped: Update[] = [];
  /**
   * Confirming an update means the bot has it stored, not handled: a test running the bot in-process
   * sets this to the adapter's idle() so that `handled` also waits for the handling.
   */
  settle: (() => Promise<void>) | undefined;
  private date = Math.floor(Date.now() / 1000);

  constructor(private readonly state: BotApiState) {}

  async poll(params: Record<string, unknown>, res: ServerResponse): Promise<Update[]> {
    const allowed = typeof params.allowed_updates === 'string' ? JSON.parse(params.allowed_updates) as string[] : params.allowed_updates as string[] | undefined;
    if (allowed?.length) this.allowed = allowed;
    const offset = Number(params.offset ?? 0);
    if (offset > 0) this.confirm(offset);
    const limit = Number(params.limit ?? 100);
    if (this.replay.length > 0) return this.takeReplay();
    if (this.queue.length > 0 || !Number(params.timeout)) return this.queue.slice(0, limit);
    return new Promise((resolve) => {
      const finish = (updates: Update[]): void => {
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== finish);
        resolve(updates.slice(0, limit));
      };
      const timer = setTimeout(() => finish([]), Number(params.timeout) * 1000);
      res.on('close', () => finish([]));
      this.waiters.push(finish);
    });
  }

  private confirm(offset: number): void {
    this.confirmedBelow = Math.max(this.confirmedBelow, offset);
    this.queue = this.queue.filter((u) => u.update_id >= offset);
    for (const w of this.handledWaiters.filter((x) => x.id < offset)) w.resolve();
    this.handledWaiters = this.handledWaiters.filter((x) => x.id >= offset);
  }

  /** Queues an update for getUpdates; returns its id. */
  push(body: Record<string, unknown>): Update {
    const update = { update_id: this.nextId++, ...body };
    this.all.set(update.update_id, update);
    const type = Object.keys(body)[0] ?? '';
    if (this.allowed && !this.allowed.includes(type)) {
      this.dropped.push(update);
      return update;
    }
    this.queue.push(update);
    for (const w of [...this.waiters]) w(this.queue);
    return update;
  }

  /** Queues several updates so that one getUpdates answer carries them all (one batch). */
  pushBatch(bodies: Record<string, unknown>[]): Update[] {
    const waiters = this.waiters;
    this.waiters = [];
    const updates = bodies.map((b) => this.push(b));
    this.waiters = waiters;
    for (const w of [...waiters]) w(this.queue);
    return updates;
  }

  /** Resolves once the bot has confirmed (finished) the update. */
  async handled(update: Update, timeoutMs = 8000, again = false): Promise<void> {
    if (this.dropped.includes(update)) return;
    if (again || update.update_id >= this.confirmedBelow) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`update ${update.update_id} not confirmed within ${timeoutMs} ms`)), timeoutMs);
        this.handledWaiters.push({ id: update.update_id, resolve: () => { clearTimeout(timer); resolve(); } });
      });
    }
    await this.settle?.();
  }

  private takeReplay(): Update[] {
    const out = this.replay;
    this.replay = [];
    return out;
  }

  /** Delivers an update again with the same update_id (a restart before the offset was confirmed). */
  async redeliver(updateId: number): Promise<void> {
    const update = this.all.get(updateId);
    if (!update) throw new Error(`no update ${updateId}`);
    this.replay.push(update);
    for (const w of [...this.waiters]) w(this.takeReplay());
    await this.handled(update, 8000, true);
  }

  close(): void {
    for (const w of [...this.waiters]) w([]);
  }

  // Builders: the update bodies Telegram would send.

  message(from: FakeUser, chat: FakeChat, fields: Record<string, unknown>): Record<string, unknown> {
    const messageId = this.state.newMessageId();
    return { message: { message_id: messageId, date: this.date++, chat, from, ...fields } };
  }

  text(from: FakeUser, chat: FakeChat, text: string, opts: { threadId?: number; replyTo?: BotMessage } = {}): Record<string, unknown> {
    const entities = entitiesOf(text);
    return this.message(from, chat, {
      text, ...(entities.length ? { entities } : {}),
      ...(opts.threadId ? { message_thread_id: opts.threadId, is_topic_message: true } : {}),
      ...(opts.replyTo ? { reply_to_message: this.state.asTelegram(opts.replyTo) } : {}),
    });
  }

  callback(from: FakeUser, message: BotMessage, data: string): Record<string, unknown> {
    const id = this.state.id('cbq-');
    this.state.callbacks.set(id, { answered: false });
    return { callback_query: { id, from, chat_instance: `ci${message.chatId}`, message: this.state.asTelegram(message), data } };
  }

  pollAnswer(user: FakeUser, pollId: string, optionIds: number[]): Record<string, unknown> {
    return { poll_answer: { poll_id: pollId, user, option_ids: optionIds } };
  }
}
