import { msg, type Lang, type Msg } from './i18n/index.js';

/**
 * The ChatPlatform port: the one interface between the core and Telegram, Discord, the console
 * and the test fake. Inbound events are normalised; outbound messages are i18n keys that the
 * adapter renders (escaping user text) and fits into its platform's limits.
 */

export type PlatformName = 'telegram' | 'discord' | 'console' | 'fake';

export interface ChatRef {
  platform: PlatformName;
  chatId: string;
  /** Forum topic / thread, so replies land where the conversation is. */
  threadId?: string | undefined;
  isDirect: boolean;
  title?: string | undefined;
}

export interface UserRef {
  platform: PlatformName;
  userId: string;
  displayName: string;
  username?: string | undefined;
  /** Platform language tag, e.g. 'nl' or 'en-GB'. */
  language?: string | undefined;
  isBot?: boolean | undefined;
}

export interface Attachment {
  kind: 'photo' | 'document';
  /** Platform file id, kept rather than downloaded. */
  fileId: string;
  fileName?: string | undefined;
  mimeType?: string | undefined;
  /** Size in bytes as the platform reports it before download (Telegram's file_size), if known. */
  size?: number | undefined;
  /** Downloads the file's content when a handler needs it (e.g. an uploaded beheerplan). */
  download?: () => Promise<Buffer>;
}

interface EventBase {
  /** Platform update id, for deduplication of redelivered updates. */
  updateId?: string | undefined;
  chat: ChatRef;
  user: UserRef;
  messageId?: string | undefined;
}

export type InboundEvent =
  | (EventBase & { kind: 'command'; command: string; args: string; attachments?: Attachment[] })
  | (EventBase & {
      kind: 'text';
      text: string;
      /** Mention, reply to the bot, or a direct message. */
      addressedToBot: boolean;
      attachments?: Attachment[];
    })
  | (EventBase & { kind: 'button'; action: string })
  | (EventBase & { kind: 'poll_vote'; pollId: string; optionIndexes: number[] })
  | (EventBase & { kind: 'member_joined' | 'member_left' })
  | (EventBase & { kind: 'chat_migrated'; newChatId: string });

export type InboundKind = InboundEvent['kind'];

export interface Button {
  label: Msg;
  /** Action id, e.g. 'rota:claim:42'. The adapter fits it to the platform (shortening if needed). */
  action: string;
  style?: 'primary' | 'danger' | 'default';
}

export interface OutboundMessage {
  lang: Lang;
  /** Paragraphs, joined by a newline. */
  body: Msg[];
  buttons?: Button[][];
  replyTo?: string | undefined;
  threadId?: string | undefined;
  /** Only the addressee should see it (Discord ephemeral reply; elsewhere a DM). */
  ephemeral?: boolean;
  /** A file to attach, e.g. an exported beheerplan or a CSV. */
  file?: { name: string; content: Buffer; mimeType: string };
  /** A stored photo to re-send. */
  photoFileId?: string;
}

export interface OutboundPoll {
  lang: Lang;
  question: Msg;
  options: Msg[];
  threadId?: string | undefined;
}

export interface SentRef {
  chatId: string;
  messageId: string;
}

export interface ChatPlatform {
  readonly name: PlatformName;
  send(chatId: string, message: OutboundMessage): Promise<SentRef>;
  edit(ref: SentRef, message: OutboundMessage): Promise<void>;
  sendDirect(userId: string, message: OutboundMessage): Promise<SentRef>;
  pin(ref: SentRef): Promise<void>;
  postPoll(chatId: string, poll: OutboundPoll): Promise<{ ref: SentRef; pollId: string }>;
  closePoll(ref: SentRef, pollId: string): Promise<void>;
  /** Platform group admins (they become coordinators at setup). */
  chatAdmins(chatId: string): Promise<UserRef[]>;
  start(onEvent: (event: InboundEvent) => Promise<void>): Promise<void>;
  stop(): Promise<void>;
}

/** A platform-level failure the outbox can act on (rate limit, transient error). */
export class PlatformError extends Error {
  constructor(
    message: string,
    readonly kind: 'rate_limited' | 'transient' | 'permanent',
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'PlatformError';
  }
}

/** A person's name as a message parameter; Telegram renders it as a mention link, others as the name. */
export function mention(user: { platform: string; userId: string; displayName: string }): Msg {
  return msg('core.mention', { name: user.displayName, platform: user.platform, userId: user.userId });
}
