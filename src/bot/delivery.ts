import { eq } from 'drizzle-orm';
import { chats } from '../db/schema/index.js';
import type { Ctx, HandlerResult, Reply } from '../handler.js';
import { DEFAULT_LANG, isLang, msg, type Lang } from '../i18n/index.js';
import type { ImmediateItem } from '../outbox/immediate.js';
import { personTarget } from '../outbox/queue.js';
import type { ChatPlatform, OutboundMessage, ReplyTarget, RespondMode } from '../platform.js';
import { getComplex } from '../tenancy/queries.js';
import { chatLang } from './context.js';

function outbound(r: Reply, lang: Lang, form?: Reply['form']): OutboundMessage {
  return {
    lang, body: r.body, ...(r.buttons ? { buttons: r.buttons } : {}),
    ...(r.file ? { file: r.file } : {}), ...(r.photoFileId ? { photoFileId: r.photoFileId } : {}), ...(form ? { form } : {}),
    ...(r.thread ? { thread: r.thread } : {}),
  };
}

/** The event's chat, as a place to answer. Commands and text are quoted; button answers are not. */
export function replyTargetOf(ctx: Pick<Ctx, 'event'>): ReplyTarget {
  const { event } = ctx;
  return {
    chatId: event.chat.chatId, threadId: event.chat.threadId, messageId: event.messageId, userId: event.user.userId,
    isDirect: event.chat.isDirect, quote: event.kind === 'command' || event.kind === 'text', replyHandle: event.replyHandle,
  };
}

/** An answer to the event itself, in the event's chat: respond(reply | edit | ephemeral). */
function respondItem(ctx: Ctx, key: string, message: OutboundMessage, mode: RespondMode, pin = false): ImmediateItem {
  return {
    platform: ctx.platform.name, to: { chatId: ctx.event.chat.chatId }, key, message, pin,
    extras: { respond: { to: replyTargetOf(ctx), mode } },
  };
}

/** A DM to the person who acted. In a group, the group is told if the DM cannot be delivered. */
function directItem(ctx: Ctx, key: string, message: OutboundMessage): ImmediateItem {
  const { event } = ctx;
  return {
    platform: ctx.platform.name, to: { userId: event.user.userId }, key, message,
    ...(event.chat.isDirect ? {} : {
      extras: { ifUnreachable: { chatId: event.chat.chatId, threadId: event.chat.threadId,
        message: { lang: chatLang(ctx), body: [msg('core.error.directUnreachable')] } } },
    }),
  };
}

/**
 * Turns a handler's replies into outbox items (written in the event's transaction). Messages in a
 * group are in the complex's language, messages to one person in theirs. A personal answer in a
 * group is ephemeral where the platform supports it, and a DM elsewhere.
 */
export async function repliesToItems(ctx: Ctx, result: HandlerResult | null, keyPrefix: string, platforms: ReadonlyMap<string, ChatPlatform>): Promise<ImmediateItem[]> {
  if (!result) return [];
  const replies = Array.isArray(result) ? result : [result];
  const items: ImmediateItem[] = [];
  for (const [i, r] of replies.entries()) {
    const key = `${keyPrefix}:${i}`;
    const to = r.to ?? 'chat';
    const direct = ctx.event.chat.isDirect;
    if (to === 'chat' && r.ephemeral && !direct) {
      items.push(ctx.platform.supports.ephemeral && ctx.event.replyHandle
        ? respondItem(ctx, key, outbound(r, r.lang ?? ctx.lang), 'ephemeral')
        : directItem(ctx, key, outbound(r, r.lang ?? ctx.lang)));
    } else if (to === 'chat') {
      const mode: RespondMode = r.editOriginal && ctx.event.messageId ? 'edit' : 'reply';
      // A form answers the event itself, only where the platform has forms, and in the language of the one who fills it in.
      const form = ctx.platform.supports.modals ? r.form : undefined;
      items.push(respondItem(ctx, key, outbound(r, r.lang ?? (form ? ctx.lang : chatLang(ctx)), form), mode, r.pin));
    } else if (to === 'direct') {
      items.push(directItem(ctx, key, outbound(r, r.lang ?? ctx.lang)));
    } else if ('personId' in to) {
      // Their platform: the one of this conversation first, then any other this deployment runs.
      const names = [ctx.platform.name, ...[...platforms.keys()].filter((n) => n !== ctx.platform.name)];
      const target = await personTarget(ctx.db, to.personId, names, ctx.complex?.language);
      if (!target) continue; // forgotten, or not on any platform this deployment runs
      items.push({ platform: target.identity.platform, to: { userId: target.identity.platformUserId }, key,
        message: outbound(r, r.lang ?? target.lang) });
    } else {
      const [chat] = await ctx.db.select().from(chats).where(eq(chats.id, to.chatId));
      if (!chat) continue;
      const complex = chat.complexId ? await getComplex(ctx.db, chat.complexId) : null;
      const lang = r.lang ?? (isLang(complex?.language) ? complex.language : DEFAULT_LANG);
      items.push({ platform: chat.platform, to: { chatId: chat.platformChatId }, key, message: outbound(r, lang), pin: r.pin ?? false,
        ...(r.topic ? { topic: r.topic } : {}) });
    }
  }
  return items;
}
