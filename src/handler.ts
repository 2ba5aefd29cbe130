import type { MergeRule, PlanSections } from './capability.js';
import type { Db } from './db/client.js';
import type { complexes, chats, people, identities } from './db/schema/index.js';
import type { Lang, MessageKey, Msg } from './i18n/index.js';
import type { Logger } from './log.js';
import type { Button, ChatPlatform, FormRequest, InboundEvent, OutboundMessage } from './platform.js';

export type ComplexRow = typeof complexes.$inferSelect;
export type ChatRow = typeof chats.$inferSelect;
export type PersonRow = typeof people.$inferSelect;
export type IdentityRow = typeof identities.$inferSelect;
export type Role = 'resident' | 'coordinator';

/** Everything a handler may know about the event it handles, re-resolved for every event. */
export interface Ctx {
  db: Db;
  event: InboundEvent;
  platform: ChatPlatform;
  now: Date;
  log: Logger;
  /** The linked chat row, when the event came from a linked group or liaison chat. */
  chat: ChatRow | null;
  /** The complex the event is about: the chat's, or in a DM the person's only complex. */
  complex: ComplexRow | null;
  person: PersonRow;
  identity: IdentityRow;
  /** The person's role in `complex`, if any. */
  role: Role | null;
  /** Corporations this person is liaison for. */
  liaisonOf: number[];
  lang: Lang;
  /** All commands, for help texts. */
  commands: CommandDef[];
  /** Owners of the beheerplan sections (from the capability list). */
  sections: PlanSections;
  /** Every capability's person-merge rule, for linking two accounts. */
  mergeRules: readonly MergeRule[];
}

/** Who may run something. Checked by the router before the handler runs. */
export type Requirement = 'anyone' | 'complex' | 'coordinator' | 'liaison';
export type Where = 'any' | 'group' | 'direct';

export interface Reply {
  body: Msg[];
  buttons?: Button[][];
  /** Where it goes: the chat of the event (default), a DM to the actor, or a DM to another person. */
  to?: 'chat' | 'direct' | { personId: number } | { chatId: number };
  /** Edit the message the button was pressed on, instead of sending a new one. */
  editOriginal?: boolean;
  ephemeral?: boolean;
  file?: OutboundMessage['file'];
  photoFileId?: string;
  /** Open a thread under the message (see OutboundMessage.thread). */
  thread?: Msg;
  /** Files the sent message under a topic, so that it can be found and edited later (outbox `sentRefs`). */
  topic?: string;
  pin?: boolean;
  /** Language override, e.g. for a message to another person (otherwise theirs is looked up). */
  lang?: Lang;
  /** A form to fill in (only where `ctx.platform.supports.modals`); `body` is shown if it cannot open at once. */
  form?: FormRequest;
}

export type HandlerResult = Reply | Reply[] | undefined | void;

export interface CommandDef {
  /** Command names without the slash; the first of each language is shown in help. */
  names: { nl: string[]; en: string[] };
  help?: MessageKey;
  requires: Requirement;
  where?: Where;
  /** Who help lists it for when `requires` is wider than its main users (e.g. coordinators and liaisons). */
  audience?: 'coordinator';
  /**
   * A `/start` payload prefix this command takes (Telegram deep links, e.g. a QR sticker's
   * `?start=i-<token>`): `/start i-abc` runs this command with args `abc`. The command checks access.
   */
  deepLink?: string;
  /**
   * The first word(s) of the arguments name a task or an item: platforms with typed options (Discord)
   * offer a field with autocomplete for it (see Capability.complete), the rest is free text.
   */
  subject?: 'task' | 'item';
  run(ctx: Ctx, args: string): Promise<HandlerResult>;
}

/** What a scope query has: the database and the time, not yet who presses where. */
export type ScopeCtx = Pick<Ctx, 'db' | 'now'>;
/** A button's entity's complex (or complexes), null when it is gone. */
export type Scope = number | readonly number[] | null;

export interface ButtonDef {
  /** Matches actions 'prefix' and 'prefix:…'; the rest is split on ':' into args. */
  prefix: string;
  requires: Requirement;
  where?: Where;
  /**
   * The complex the button's entity belongs to, or the complexes (an announcement to several); null: not
   * found. The router refuses the press unless it is the chat's complex (in a DM: a complex the presser
   * is a member of, or liaison for). Asked before the event's context is read, in the same round trip.
   */
  // A property, not a method: its parameter is then checked strictly (a scope needing all of Ctx does not compile).
  scope?: (ctx: ScopeCtx, args: string[]) => Promise<Scope>;
  run(ctx: Ctx, args: string[]): Promise<HandlerResult>;
}

/**
 * A submitted form (FormRequest): matched on its action like a button. `values` are what the user
 * typed, unchecked: the handler validates them (zod) before anything else.
 */
export interface FormDef {
  prefix: string;
  requires: Requirement;
  where?: Where;
  /** The complex the form's entity belongs to, as ButtonDef.scope. */
  scope?: (ctx: ScopeCtx, args: string[]) => Promise<Scope>;
  run(ctx: Ctx, args: string[], values: Record<string, string>): Promise<HandlerResult>;
}

/** Free text addressed to the bot: the first handler that returns a result wins. */
export type TextHandler = (ctx: Ctx, text: string) => Promise<HandlerResult | null>;

/** An error the user can fix: answered in their language, nothing logged as a failure. */
export class UserError extends Error {
  constructor(readonly reply: Msg, readonly extra: Msg[] = []) {
    super(reply.key);
    this.name = 'UserError';
  }
}

/**
 * Whether a form (Reply.form) can be asked here: the platform has forms (it opens one at once where it
 * can, else shows the reply's body with a button that opens it). Otherwise capabilities ask field by field.
 */
/** Text said to the bot (a DM, a mention, a reply to it) by a member of the event's complex: what questions in words answer. */
export function saidToBotByMember(ctx: Ctx): ctx is Ctx & { complex: ComplexRow; role: Role } {
  return ctx.event.kind === 'text' && ctx.event.addressedToBot && ctx.complex !== null && ctx.role !== null;
}

export function canAskForm(ctx: Pick<Ctx, 'platform'>): boolean {
  return ctx.platform.supports.modals;
}

export function reply(body: Msg | Msg[], extra: Omit<Reply, 'body'> = {}): Reply {
  return { body: Array.isArray(body) ? body : [body], ...extra };
}
