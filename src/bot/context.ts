import type { PlanSections, MergeRule } from '../capability.js';
import type { Db } from '../db/client.js';
import type { ChatRow, CommandDef, ComplexRow, Ctx, PersonRow } from '../handler.js';
import { DEFAULT_LANG, isLang, langFromTag, type Lang } from '../i18n/index.js';
import type { Logger } from '../log.js';
import type { KnownBusy } from '../outbox/immediate.js';
import type { ChatPlatform, InboundEvent } from '../platform.js';
import { readContextRow } from './context-row.js';
import {
  complexesOf, ensureMember, ensurePerson, findChat, getComplex, getRole, identityCurrent, LAST_SEEN_RESOLUTION_MS, liaisonCorporations,
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
export async function buildCtx(db: Db, platform: ChatPlatform, event: InboundEvent, at: Date, log: Logger, shared: CtxShared): Promise<{ ctx: Ctx; busy?: KnownBusy }> {
  const stored = await readContextRow(db, platform.name, event.user, event.chat, at);
  // The common case reads everything in one statement; a new person or a changed name takes the long way.
  if (!stored || !identityCurrent(stored.identity, event.user)) return { ctx: await buildCtxSlow(db, platform, event, at, log, shared) };
  const { person, identity, chat, complex, liaisonOf } = stored;
  let role = stored.role;
  if (complex && joinsAsMember(chat, complex, event)) {
    const fresh = stored.lastSeenAt !== null && at.getTime() - stored.lastSeenAt.getTime() < LAST_SEEN_RESOLUTION_MS;
    if (!role || !fresh) role = await ensureMember(db, complex.id, person.id, at);
  }
  const ctx = { db, event, platform, now: at, log, chat, complex, person, identity, role, liaisonOf, lang: langOf(person, event, complex), ...shared };
  return { ctx, busy: stored.busy };
}

/** Whoever speaks in (or joins) a linked group is a member; leaving does not make one. */
function joinsAsMember(chat: ChatRow | null, complex: ComplexRow, event: InboundEvent): boolean {
  return chat?.complexId === complex.id && !event.user.isBot && event.kind !== 'member_left';
}

function langOf(person: PersonRow, event: InboundEvent, complex: ComplexRow | null): Lang {
  return (isLang(person.language) ? person.language : undefined)
    ?? langFromTag(event.user.language) ?? (isLang(complex?.language) ? complex.language : undefined) ?? DEFAULT_LANG;
}

/** The long way, statement by statement, creating the person or refreshing the identity on the way. */
async function buildCtxSlow(db: Db, platform: ChatPlatform, event: InboundEvent, at: Date, log: Logger, shared: CtxShared): Promise<Ctx> {
  const { person, identity } = await ensurePerson(db, event.user);
  const chat = event.chat.isDirect ? null : await findChat(db, event.chat.platform, event.chat.chatId);
  let complex = chat?.complexId ? await getComplex(db, chat.complexId) : null;
  if (!complex && event.chat.isDirect) complex = (await complexesOf(db, person.id))[0] ?? null;
  let role = null;
  if (complex) {
    role = joinsAsMember(chat, complex, event) ? await ensureMember(db, complex.id, person.id, at) : await getRole(db, complex.id, person.id);
  }
  const liaisonOf = await liaisonCorporations(db, person.id);
  return { db, event, platform, now: at, log, chat, complex, person, identity, role, liaisonOf, lang: langOf(person, event, complex), ...shared };
}

/** The language of messages posted in the event's chat: a linked group's complex language, else the person's. */
export function chatLang(ctx: Ctx): Lang {
  if (!ctx.event.chat.isDirect && ctx.chat?.complexId && ctx.complex?.id === ctx.chat.complexId && isLang(ctx.complex.language)) {
    return ctx.complex.language;
  }
  return ctx.lang;
}
