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
  /**
   * The adapter's own handle for answering this event (Discord: interaction id and token), kept
   * with a queued reply so `respond` can use it even after a restart. Opaque to the core.
   */
  replyHandle?: string | undefined;
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
  /** A submitted form (see FormRequest): its action, and the values by field id as typed (not yet validated). */
  | (EventBase & { kind: 'form'; action: string; values: Record<string, string> })
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

/** One text field of a form. */
export interface FormField {
  /** Key of the value in the submitted event ([a-z0-9_], unique in the form). */
  id: string;
  label: Msg;
  style: 'short' | 'long';
  required: boolean;
  maxLength: number;
  placeholder?: Msg;
  /** Filled in beforehand, e.g. with what was typed in an attempt that did not pass. */
  value?: string;
}

/**
 * A request to fill in a few text fields at once (Discord: a modal). The submit comes back as a
 * 'form' event with the values and `action`, which is routed like a button's action (and, like one,
 * may carry state; the adapter fits it to its limits). Only platforms with `supports.modals` are
 * sent one; elsewhere the capability asks the same questions one at a time in the chat.
 */
export interface FormRequest {
  title: Msg;
  action: string;
  /** At most 5 (Discord's limit of a modal). */
  fields: FormField[];
}

export const FORM_MAX_FIELDS = 5;

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
  /**
   * Open a thread under this message with this name, for the conversation about it (Discord; platforms
   * without threads per message just post the message).
   */
  thread?: Msg;
  /**
   * Open this form as the answer to the event (only asked of platforms with `supports.modals`).
   * Where the form cannot open at once (no live interaction any more), the body is shown with a
   * button that opens it.
   */
  form?: FormRequest;
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

/** Where the answer to an inbound event goes. JSON-safe: a queued reply keeps it across a restart. */
export interface ReplyTarget {
  chatId: string;
  threadId?: string | undefined;
  /** The message the event came with (command text, or the message whose button was pressed). */
  messageId?: string | undefined;
  /** Who caused the event (an ephemeral answer is for them alone). */
  userId: string;
  isDirect: boolean;
  /** Quote the event's message in a reply (commands and text; not the message of a pressed button). */
  quote: boolean;
  replyHandle?: string | undefined;
}

/**
 * How to answer: a new message replying to the event, an edit of the message the button was
 * pressed on, or an answer only the user sees (asked only of platforms that support it).
 */
export type RespondMode = 'reply' | 'edit' | 'ephemeral';

/** What an adapter's platform can do; the core chooses how to deliver from these. */
export interface PlatformSupport {
  /** In-chat answers only the addressee sees (Discord). Without it, personal answers go by DM. */
  ephemeral: boolean;
  /** Native polls that report each voter's choice (Telegram non-anonymous polls). Else button polls. */
  nativePolls: boolean;
  /** Forms with text fields (Discord modals): see FormRequest. Without it, capabilities ask field by field. */
  modals: boolean;
  /** Longest text of one message: the adapter splits longer texts over several messages, never cuts. */
  maxTextLength: number;
  markup: 'html' | 'markdown' | 'plain';
}

export interface ChatPlatform {
  readonly name: PlatformName;
  readonly supports: PlatformSupport;
  /** Answers an inbound event (see RespondMode); returns the message that now carries the answer. */
  respond(to: ReplyTarget, message: OutboundMessage, mode: RespondMode): Promise<SentRef>;
  send(chatId: string, message: OutboundMessage): Promise<SentRef>;
  edit(ref: SentRef, message: OutboundMessage): Promise<void>;
  sendDirect(userId: string, message: OutboundMessage): Promise<SentRef>;
  pin(ref: SentRef): Promise<void>;
  postPoll(chatId: string, poll: OutboundPoll): Promise<{ ref: SentRef; pollId: string }>;
  closePoll(ref: SentRef, pollId: string): Promise<void>;
  /** Platform group admins (they become coordinators at setup). */
  chatAdmins(chatId: string): Promise<UserRef[]>;
  /**
   * A link that opens a private chat with the bot and sends it `/start <payload>` (Telegram's
   * `t.me/<bot>?start=`; Discord's goes through this server's sign-in route), if the platform has one.
   */
  deepLink?(payload: string): string | undefined;
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

/**
 * `respond` for platforms without interaction tokens (Telegram, console): a reply is a message in
 * the event's chat (threaded, quoting the event's message), an edit changes the pressed message,
 * and an ephemeral answer becomes a DM.
 */
export async function respondBySending(
  platform: Pick<ChatPlatform, 'send' | 'sendDirect' | 'edit'>, to: ReplyTarget, message: OutboundMessage, mode: RespondMode,
): Promise<SentRef> {
  if (mode === 'ephemeral') return platform.sendDirect(to.userId, message);
  if (mode === 'edit' && to.messageId) {
    const ref = { chatId: to.chatId, messageId: to.messageId };
    await platform.edit(ref, { ...message, threadId: to.threadId });
    return ref;
  }
  return platform.send(to.chatId, {
    ...message, threadId: to.threadId, ...(to.quote && to.messageId ? { replyTo: to.messageId } : {}),
  });
}

/**
 * Thrown by the bot's event handler when an event could not be handled now (the database is
 * unavailable). The adapter must not acknowledge the event, so the platform delivers it again
 * (webhook: a non-2xx answer; long polling: the offset stays before it).
 */
export class HandleLaterError extends Error {
  constructor(override readonly cause: unknown) {
    super('event must be handled later');
    this.name = 'HandleLaterError';
  }
}
