import { and, eq } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { chats, processedUpdates } from './db/schema/index.js';
import type { ButtonDef, CommandDef, Ctx, Feature, HandlerResult, Reply } from './handler.js';
import { UserError } from './handler.js';
import { DEFAULT_LANG, isLang, langFromTag, msg, type Lang, type Msg } from './i18n/index.js';
import type { Logger } from './log.js';
import { PlatformError, type ChatPlatform, type InboundEvent, type InboundKind, type OutboundMessage } from './platform.js';
import {
  complexesOf, ensureMember, ensurePerson, findChat, getComplex, getRole, liaisonCorporations,
} from './tenancy/queries.js';
import { deliverToPerson } from './delivery.js';

export interface BotOptions {
  db: Db;
  log: Logger;
  features: Feature[];
  /** The clock; tests pass a fixed one. */
  now?: () => Date;
  /** Called once per inbound event after it is handled (metrics). */
  onHandled?: (info: HandledInfo) => void;
}

export type HandleOutcome = 'ok' | 'user_error' | 'error' | 'duplicate' | 'ignored';
export interface HandledInfo { platform: string; kind: InboundKind; outcome: HandleOutcome; seconds: number }

export interface Bot {
  /** Handles one inbound event from one platform. Never throws. */
  handle(platform: ChatPlatform, event: InboundEvent): Promise<void>;
  /** Platforms by name, so replies to other people/chats can cross platforms. */
  platforms: Map<string, ChatPlatform>;
  commands: CommandDef[];
}

export function createBot(opts: BotOptions): Bot {
  const { db, log, features } = opts;
  const now = opts.now ?? (() => new Date());
  const commands = features.flatMap((f) => f.commands ?? []);
  const buttons = features.flatMap((f) => f.buttons ?? []).sort((a, b) => b.prefix.length - a.prefix.length);
  const textHandlers = features.flatMap((f) => f.text ?? []);
  const platforms = new Map<string, ChatPlatform>();

  function findCommand(name: string): CommandDef | undefined {
    const n = name.toLowerCase();
    return commands.find((c) => c.names.nl.includes(n) || c.names.en.includes(n));
  }

  function findButton(action: string): { def: ButtonDef; args: string[] } | undefined {
    for (const def of buttons) {
      if (action === def.prefix || action.startsWith(`${def.prefix}:`)) {
        const rest = action.slice(def.prefix.length + 1);
        return { def, args: rest ? rest.split(':') : [] };
      }
    }
    return undefined;
  }

  async function alreadyProcessed(platform: string, updateId: string | undefined): Promise<boolean> {
    if (!updateId) return false;
    const inserted = await db.insert(processedUpdates).values({ platform, updateId })
      .onConflictDoNothing().returning({ id: processedUpdates.updateId });
    return inserted.length === 0;
  }

  async function buildCtx(platform: ChatPlatform, event: InboundEvent): Promise<Ctx> {
    const at = now();
    const { person, identity } = await ensurePerson(db, event.user);
    const chat = event.chat.isDirect ? null : await findChat(db, event.chat.platform, event.chat.chatId);
    let complex = chat?.complexId ? await getComplex(db, chat.complexId) : null;
    if (!complex && event.chat.isDirect) complex = (await complexesOf(db, person.id))[0] ?? null;
    let role = null;
    if (complex) {
      // Whoever speaks in (or joins) a linked group is a member; leaving does not make one.
      role = chat?.complexId === complex.id && !event.user.isBot && event.kind !== 'member_left'
        ? await ensureMember(db, complex.id, person.id, at)
        : await getRole(db, complex.id, person.id);
    }
    const liaisonOf = await liaisonCorporations(db, person.id);
    const lang: Lang = (isLang(person.language) ? person.language : undefined)
      ?? langFromTag(event.user.language) ?? (isLang(complex?.language) ? complex.language : undefined) ?? DEFAULT_LANG;
    return { db, event, platform, now: at, log, chat, complex, person, identity, role, liaisonOf, lang, commands };
  }

  function check(ctx: Ctx, requires: CommandDef['requires'], where: CommandDef['where']): void {
    const direct = ctx.event.chat.isDirect;
    if (where === 'group' && direct) throw new UserError(msg('core.error.groupOnly'));
    if (where === 'direct' && !direct) throw new UserError(msg('core.error.directOnly'));
    if (requires === 'anyone') return;
    if (requires === 'liaison') {
      if (ctx.liaisonOf.length === 0) throw new UserError(msg('core.error.liaisonOnly'));
      return;
    }
    if (!ctx.complex) {
      throw new UserError(msg(direct ? 'core.error.noComplexInDirect' : 'core.error.notLinked'));
    }
    if (requires === 'coordinator' && ctx.role !== 'coordinator') throw new UserError(msg('core.error.coordinatorOnly'));
  }

  /**
   * Re-authorises a button press against the complex its entity belongs to: the group's own complex;
   * in a direct chat a complex the presser is a member of, or liaison for; in a corporation's
   * liaison chat one of that corporation's complexes. Outside the group, ctx.complex/role become it.
   */
  async function checkScope(ctx: Ctx, complexId: number | null): Promise<void> {
    if (complexId === null) throw new UserError(msg('core.error.buttonExpired'));
    if (ctx.chat?.complexId === complexId) return;
    const complex = ctx.chat?.complexId ? null : await getComplex(db, complexId);
    if (complex) {
      const corporationId = complex.corporationId;
      const direct = ctx.event.chat.isDirect;
      const role = direct ? await getRole(db, complexId, ctx.person.id) : null;
      const liaisonInDirect = direct && corporationId !== null && ctx.liaisonOf.includes(corporationId);
      const liaisonChat = ctx.chat?.purpose === 'liaison' && corporationId !== null && ctx.chat.corporationId === corporationId;
      if (role || liaisonInDirect || liaisonChat) {
        ctx.complex = complex;
        ctx.role = role;
        return;
      }
    }
    log.warn({ action: ctx.event.kind === 'button' ? ctx.event.action : undefined, complexId, chatComplex: ctx.chat?.complexId,
      personId: ctx.person.id }, 'button refused: entity of another complex');
    throw new UserError(msg('core.error.buttonNotForYou'));
  }

  async function route(ctx: Ctx): Promise<HandlerResult | null> {
    const event = ctx.event;
    switch (event.kind) {
      case 'command': {
        const def = findCommand(event.command);
        if (!def) return { body: [msg('core.unknownCommand', { command: event.command })] };
        check(ctx, def.requires, def.where);
        return def.run(ctx, event.args.trim());
      }
      case 'button': {
        const found = findButton(event.action);
        if (!found) throw new UserError(msg('core.error.buttonExpired'));
        // In a direct chat the entity decides the complex, so the role is checked after the scope:
        // otherwise a coordinator of one complex could press a coordinator button of another.
        if (found.def.scope) await checkScope(ctx, await found.def.scope(ctx, found.args));
        check(ctx, found.def.requires, found.def.where);
        return found.def.run(ctx, found.args);
      }
      case 'text': {
        if (!ctx.chat && !event.chat.isDirect) {
          // An unlinked group: only file uploads and commands matter there.
          return runHooks(ctx);
        }
        for (const handler of textHandlers) {
          const result = await handler(ctx, event.text);
          if (result) return result;
        }
        return runHooks(ctx);
      }
      default:
        return runHooks(ctx);
    }
  }

  async function runHooks(ctx: Ctx): Promise<HandlerResult | null> {
    for (const feature of features) {
      if (!feature.onEvent) continue;
      const result = await feature.onEvent(ctx);
      if (result) return result;
    }
    return null;
  }

  async function deliver(ctx: Ctx, result: HandlerResult | null): Promise<void> {
    if (!result) return;
    const replies = Array.isArray(result) ? result : [result];
    for (const r of replies) await deliverOne(ctx, r);
  }

  function outbound(r: Reply, lang: Lang, threadId?: string): OutboundMessage {
    return {
      lang, body: r.body, ...(r.buttons ? { buttons: r.buttons } : {}), ...(threadId ? { threadId } : {}),
      ...(r.file ? { file: r.file } : {}), ...(r.photoFileId ? { photoFileId: r.photoFileId } : {}),
      ...(r.ephemeral ? { ephemeral: true } : {}),
    };
  }

  async function deliverOne(ctx: Ctx, r: Reply): Promise<void> {
    const { event, platform } = ctx;
    const to = r.to ?? 'chat';
    if (to === 'chat' && r.editOriginal && event.messageId) {
      await platform.edit({ chatId: event.chat.chatId, messageId: event.messageId }, outbound(r, r.lang ?? ctx.lang, event.chat.threadId));
      return;
    }
    if (to === 'direct' || (to === 'chat' && r.ephemeral && !event.chat.isDirect)) {
      try {
        await platform.sendDirect(event.user.userId, outbound(r, r.lang ?? ctx.lang));
      } catch (err) {
        // Never opened a private chat with the bot (Telegram) or blocks DMs: say so where they are.
        if (err instanceof PlatformError && err.kind === 'permanent' && !event.chat.isDirect) throw new UserError(msg('core.error.directUnreachable'));
        throw err;
      }
      return;
    }
    if (to === 'chat') {
      const sent = await platform.send(event.chat.chatId, {
        ...outbound(r, r.lang ?? ctx.lang, event.chat.threadId),
        ...(event.kind === 'command' || event.kind === 'text' ? { replyTo: event.messageId } : {}),
      });
      if (r.pin) await platform.pin(sent);
      return;
    }
    if ('personId' in to) {
      await deliverToPerson({ db, platforms, preferred: platform.name }, to.personId, r, ctx.complex?.language);
      return;
    }
    const [chat] = await db.select().from(chats).where(eq(chats.id, to.chatId));
    const target = chat ? platforms.get(chat.platform) : undefined;
    if (!chat || !target) throw new Error(`no platform for chat ${to.chatId}`);
    const complex = chat.complexId ? await getComplex(db, chat.complexId) : null;
    const lang = r.lang ?? (isLang(complex?.language) ? complex.language : DEFAULT_LANG);
    const sent = await target.send(chat.platformChatId, outbound(r, lang));
    if (r.pin) await target.pin(sent);
  }

  async function answerError(platform: ChatPlatform, event: InboundEvent, lang: Lang, body: Msg[]): Promise<void> {
    try {
      await platform.send(event.chat.chatId, { lang, body, threadId: event.chat.threadId, replyTo: event.messageId });
    } catch (err) {
      log.error({ err, chat: event.chat }, 'could not send error reply');
    }
  }

  async function handle(platform: ChatPlatform, event: InboundEvent): Promise<void> {
    platforms.set(platform.name, platforms.get(platform.name) ?? platform);
    let lang: Lang = langFromTag(event.user.language) ?? DEFAULT_LANG;
    const started = performance.now();
    let outcome: HandleOutcome = 'ok';
    try {
      if (event.kind === 'chat_migrated') {
        await db.update(chats).set({ platformChatId: event.newChatId })
          .where(and(eq(chats.platform, event.chat.platform), eq(chats.platformChatId, event.chat.chatId)));
        return;
      }
      if (await alreadyProcessed(event.chat.platform, event.updateId)) {
        outcome = 'duplicate';
        return;
      }
      if (event.user.isBot && event.kind !== 'member_joined' && event.kind !== 'member_left') {
        outcome = 'ignored';
        return;
      }
      const ctx = await buildCtx(platform, event);
      lang = ctx.lang;
      const result = await route(ctx);
      await deliver(ctx, result);
    } catch (err) {
      if (err instanceof UserError) {
        outcome = 'user_error';
        await answerError(platform, event, lang, [err.reply, ...err.extra]);
        return;
      }
      outcome = 'error';
      log.error({ err, kind: event.kind, platform: event.chat.platform, chatId: event.chat.chatId, userId: event.user.userId,
        ...(event.kind === 'command' ? { command: event.command } : {}),
        ...(event.kind === 'button' ? { action: event.action } : {}) }, 'handler failed');
      await answerError(platform, event, lang, [msg('core.error.unexpected')]);
    } finally {
      opts.onHandled?.({ platform: platform.name, kind: event.kind, outcome, seconds: (performance.now() - started) / 1000 });
    }
  }

  return { handle, platforms, commands };
}

