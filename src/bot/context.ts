import type { PlanSections, MergeRule } from '../capability.js';
import type { Db } from '../db/client.js';
import type { CommandDef, Ctx } from '../handler.js';
import { DEFAULT_LANG, isLang, langFromTag, type Lang } from '../i18n/index.js';
import type { Logger } from '../log.js';
import type { ChatPlatform, InboundEvent } from '../platform.js';
import {
  complexesOf, ensureMember, ensurePerson, findChat, getComplex, getRole, liaisonCorporations,
} from '../tenancy/queries.js';

/** What every context shares: derived once from the capability list. */
export interface CtxShared {
  commands: CommandDef[];
  sections: PlanSections;
  mergeRules: readonly MergeRule[];
}

/**
 * Who acts, where, for which complex and with which role — resolved afresh for every event (so a
 * removed coordinator's next press is judged by what is true now), inside the event's transaction.
 */
export async function buildCtx(db: Db, platform: ChatPlatform, event: InboundEvent, at: Date, log: Logger, shared: CtxShared): Promise<Ctx> {
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
  return { db, event, platform, now: at, log, chat, complex, person, identity, role, liaisonOf, lang, ...shared };
}

/** The language of messages posted in the event's chat: a linked group's complex language, else the person's. */
export function chatLang(ctx: Ctx): Lang {
  if (!ctx.event.chat.isDirect && ctx.chat?.complexId && ctx.complex?.id === ctx.chat.complexId && isLang(ctx.complex.language)) {
    return ctx.complex.language;
  }
  return ctx.lang;
}
