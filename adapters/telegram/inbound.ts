import type { Attachment, ChatRef, InboundEvent, UserRef } from '../../src/platform.js';

// The parts of Bot API updates the adapter reads. Kept minimal and structural so the mapper is a
// pure function that tests can feed plain objects.
export interface TgUser { id: number; is_bot?: boolean; first_name: string; last_name?: string; username?: string; language_code?: string }
export interface TgChat { id: number; type: 'private' | 'group' | 'supergroup' | 'channel'; title?: string; is_forum?: boolean }
export interface TgEntity { type: string; offset: number; length: number; user?: TgUser }
export interface TgMessage {
  message_id: number;
  chat: TgChat;
  from?: TgUser;
  sender_chat?: TgChat;
  message_thread_id?: number;
  is_topic_message?: boolean;
  is_automatic_forward?: boolean;
  text?: string;
  caption?: string;
  entities?: TgEntity[];
  caption_entities?: TgEntity[];
  reply_to_message?: TgMessage;
  photo?: { file_id: string; width: number; height: number; file_size?: number }[];
  document?: { file_id: string; file_name?: string; mime_type?: string; file_size?: number };
  new_chat_members?: TgUser[];
  left_chat_member?: TgUser;
  group_chat_created?: true;
  supergroup_chat_created?: true;
  migrate_to_chat_id?: number;
}
export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  callback_query?: { id: string; from: TgUser; message?: TgMessage; data?: string };
  poll_answer?: { poll_id: string; user?: TgUser; voter_chat?: TgChat; option_ids: number[] };
  my_chat_member?: { chat: TgChat; from: TgUser; new_chat_member: { status: string; user: TgUser }; old_chat_member: { status: string } };
}

/** Exactly the update types the mapper uses (passed to getUpdates and setWebhook). */
export const ALLOWED_UPDATES = ['message', 'callback_query', 'poll_answer', 'my_chat_member'] as const;

/** Telegram's placeholder sender for messages of anonymous group admins. */
export const ANONYMOUS_ADMIN_BOT_ID = 1087968824;

export interface MapContext {
  me: { id: number; username: string };
  /** Builds a lazy download for a file id (getFile + fetch). */
  download: (fileId: string) => () => Promise<Buffer>;
}

export type Mapped =
  | { kind: 'events'; events: InboundEvent[]; callbackQueryId?: string }
  /** A command or message to the bot from an anonymous admin: we cannot tell who it is. */
  | { kind: 'anonymous'; chat: ChatRef; messageId: string };

export function userRef(u: TgUser): UserRef {
  return {
    platform: 'telegram', userId: String(u.id), displayName: [u.first_name, u.last_name].filter(Boolean).join(' ').trim() || (u.username ?? String(u.id)),
    username: u.username, language: u.language_code, isBot: u.is_bot ?? false,
  };
}

export function chatRef(chat: TgChat, message?: TgMessage): ChatRef {
  return {
    platform: 'telegram', chatId: String(chat.id), isDirect: chat.type === 'private', title: chat.title,
    // Only forum topics: in other supergroups message_thread_id is a reply thread, not a place to post.
    threadId: message?.is_topic_message && message.message_thread_id ? String(message.message_thread_id) : undefined,
  };
}

const COMMAND = /^\/([\p{L}\p{N}_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/u;

function attachmentsOf(m: TgMessage, ctx: MapContext): Attachment[] {
  const out: Attachment[] = [];
  const largest = m.photo?.reduce((a, b) => (b.width * b.height > a.width * a.height ? b : a));
  if (largest) out.push({ kind: 'photo', fileId: largest.file_id, size: largest.file_size, download: ctx.download(largest.file_id) });
  if (m.document) {
    out.push({ kind: 'document', fileId: m.document.file_id, fileName: m.document.file_name, mimeType: m.document.mime_type,
      size: m.document.file_size, download: ctx.download(m.document.file_id) });
  }
  return out;
}

/** Mention of the bot by @username or text_mention, or a reply to one of its messages. */
function addressesBot(m: TgMessage, text: string, entities: TgEntity[], ctx: MapContext): boolean {
  if (m.reply_to_message?.from?.id === ctx.me.id) return true;
  const name = `@${ctx.me.username}`.toLowerCase();
  return entities.some((e) => (e.type === 'mention' && text.slice(e.offset, e.offset + e.length).toLowerCase() === name)
    || (e.type === 'text_mention' && e.user?.id === ctx.me.id));
}

function stripBotMention(text: string, ctx: MapContext): string {
  const re = new RegExp(`@${ctx.me.username}\\b[,:]?`, 'gi');
  return text.replace(re, ' ').replace(/[ \t]{2,}/g, ' ').trim();
}

function mapMessage(updateId: number, m: TgMessage, ctx: MapContext): Mapped {
  const chat = chatRef(m.chat, m);
  const base = { chat, messageId: String(m.message_id) };
  const none: Mapped = { kind: 'events', events: [] };
  if (m.migrate_to_chat_id) {
    const user = m.from ? userRef(m.from) : { platform: 'telegram' as const, userId: String(m.chat.id), displayName: m.chat.title ?? '' };
    return { kind: 'events', events: [{ ...base, updateId: String(updateId), user, kind: 'chat_migrated', newChatId: String(m.migrate_to_chat_id) }] };
  }
  if (m.new_chat_members || m.left_chat_member) {
    // The bot's own arrival and departure come as my_chat_member; skipping them here avoids doubles.
    const joined = (m.new_chat_members ?? []).filter((u) => u.id !== ctx.me.id);
    const left = m.left_chat_member && m.left_chat_member.id !== ctx.me.id ? [m.left_chat_member] : [];
    const events: InboundEvent[] = [
      ...joined.map((u) => ({ kind: 'member_joined' as const, user: userRef(u) })),
      ...left.map((u) => ({ kind: 'member_left' as const, user: userRef(u) })),
    ].map((e, i, all) => ({ ...base, ...e, updateId: all.length > 1 ? `${updateId}:${i}` : String(updateId) }));
    return { kind: 'events', events };
  }
  if (m.is_automatic_forward || !m.from) return none;
  const text = m.text ?? m.caption ?? '';
  const entities = m.entities ?? m.caption_entities ?? [];
  const attachments = attachmentsOf(m, ctx);
  if (!text && attachments.length === 0) return none;
  const anonymous = m.from.id === ANONYMOUS_ADMIN_BOT_ID || (m.sender_chat !== undefined && m.sender_chat.id === m.chat.id);
  const command = entities.some((e) => e.type === 'bot_command' && e.offset === 0) ? COMMAND.exec(text) : null;
  if (command?.[2] && command[2].toLowerCase() !== ctx.me.username.toLowerCase()) return none; // /cmd@otherbot
  const addressed = chat.isDirect || command !== null || addressesBot(m, text, entities, ctx);
  if (anonymous) return addressed ? { kind: 'anonymous', chat, messageId: base.messageId } : none;
  if (m.sender_chat) return none; // posts on behalf of a channel: not a person
  const common = { ...base, updateId: String(updateId), user: userRef(m.from), ...(attachments.length ? { attachments } : {}) };
  if (command) return { kind: 'events', events: [{ ...common, kind: 'command', command: command[1]!.toLowerCase(), args: (command[3] ?? '').trim() }] };
  return { kind: 'events', events: [{ ...common, kind: 'text', text: addressed && !chat.isDirect ? stripBotMention(text, ctx) : text, addressedToBot: addressed }] };
}

/** Maps one Bot API update to the port's inbound events (none for what the bot does not use). */
export function mapUpdate(update: TgUpdate, ctx: MapContext): Mapped {
  const id = update.update_id;
  if (update.message) return mapMessage(id, update.message, ctx);
  if (update.callback_query) {
    const q = update.callback_query;
    const events: InboundEvent[] = q.message && q.data !== undefined ? [{
      kind: 'button', updateId: String(id), chat: chatRef(q.message.chat, q.message), user: userRef(q.from),
      messageId: String(q.message.message_id), action: q.data,
    }] : [];
    return { kind: 'events', events, callbackQueryId: q.id };
  }
  if (update.poll_answer) {
    const a = update.poll_answer;
    if (!a.user) return { kind: 'events', events: [] }; // a vote on behalf of a chat: no person
    // Telegram does not say where the poll is; features find it by pollId. The chat is the voter's own.
    return { kind: 'events', events: [{
      kind: 'poll_vote', updateId: String(id), user: userRef(a.user), pollId: a.poll_id, optionIndexes: [...a.option_ids],
      chat: { platform: 'telegram', chatId: String(a.user.id), isDirect: true },
    }] };
  }
  if (update.my_chat_member && update.my_chat_member.chat.type !== 'private') {
    const { chat, new_chat_member: now, old_chat_member: before } = update.my_chat_member;
    const present = (s: string): boolean => ['member', 'administrator', 'creator', 'restricted'].includes(s);
    if (present(now.status) === present(before.status)) return { kind: 'events', events: [] };
    return { kind: 'events', events: [{
      kind: present(now.status) ? 'member_joined' : 'member_left', updateId: String(id), chat: chatRef(chat), user: userRef(now.user),
    }] };
  }
  return { kind: 'events', events: [] };
}
