import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { chats, complexMembers, corporationRoles, identities } from '../db/schema/index.js';
import type { ChatRow, Ctx, HandlerResult } from '../handler.js';
import { reply } from '../handler.js';
import { msg } from '../i18n/index.js';
import { mention } from '../platform.js';
import { audit, countCoordinators, ensurePerson, getRole, setRole } from './queries.js';

/**
 * Roles follow membership: who leaves (or is removed from) the last linked chat of a complex stops being
 * a member, so a coordinator loses the role; capabilities revoke what hangs on it (calendar links, …).
 * History (turns, reports, the audit log) stays. A liaison removed from the liaison chat stops being one.
 */
export type MembershipEndedHook = (tx: Db, complexId: number, personId: number) => Promise<void>;
const endedHooks: MembershipEndedHook[] = [];
export function onMembershipEnded(hook: MembershipEndedHook): void {
  endedHooks.push(hook);
}

/**
 * Whether the person is still in another chat of the same complex (or corporation). Platforms do not tell
 * who is in a chat, so only a chat on another platform where the person has an identity counts; another
 * group on the same platform does not (leaving ends the role; a coordinator can give it back).
 */
async function stillInAnotherChat(db: Db, left: ChatRow, personId: number): Promise<boolean> {
  const owner = left.purpose === 'liaison' && left.corporationId !== null
    ? eq(chats.corporationId, left.corporationId) : eq(chats.complexId, left.complexId ?? -1);
  const rows = await db.select({ id: chats.id }).from(chats)
    .innerJoin(identities, and(eq(identities.platform, chats.platform), eq(identities.personId, personId)))
    .where(and(owner, eq(chats.purpose, left.purpose), ne(chats.id, left.id), ne(chats.platform, left.platform)));
  return rows.length > 0;
}

/** The group's admins on the platform (not the leaver, no bots) become coordinators, as at set-up. */
async function promoteAdmins(ctx: Ctx, complexId: number): Promise<string[]> {
  const admins = await ctx.platform.chatAdmins(ctx.event.chat.chatId).catch((err: unknown) => {
    ctx.log.warn({ err, chatId: ctx.event.chat.chatId }, 'could not list chat admins');
    return [];
  });
  const names: string[] = [];
  for (const user of admins.filter((a) => !a.isBot && a.userId !== ctx.event.user.userId)) {
    const { person } = await ensurePerson(ctx.db, user);
    await setRole(ctx.db, complexId, person.id, 'coordinator');
    names.push(person.displayName);
  }
  if (names.length > 0) {
    await audit(ctx.db, { complexId, action: 'coordinators.from_admins', data: { coordinators: names }, at: ctx.now });
  }
  return names;
}

async function complexMemberLeft(ctx: Ctx, chat: ChatRow, complexId: number): Promise<HandlerResult | null> {
  const personId = ctx.person.id;
  const role = await ctx.db.transaction(async (tx) => {
    const before = await getRole(tx, complexId, personId);
    if (!before) return null;
    await tx.delete(complexMembers).where(and(eq(complexMembers.complexId, complexId), eq(complexMembers.personId, personId)));
    for (const hook of endedHooks) await hook(tx, complexId, personId);
    await audit(tx, { complexId, actorPersonId: personId, action: 'member.left',
      data: { role: before, platform: chat.platform, chatId: chat.platformChatId }, at: ctx.now });
    return before;
  });
  if (role !== 'coordinator' || (await countCoordinators(ctx.db, complexId)) > 0) return null;
  const name = mention(ctx.event.user);
  const promoted = await promoteAdmins(ctx, complexId);
  return reply(promoted.length > 0
    ? msg('onboarding.left.lastCoordinatorAdmins', { name, coordinators: promoted.join(', ') })
    : msg('onboarding.left.lastCoordinator', { name }));
}

async function liaisonLeft(ctx: Ctx, chat: ChatRow, corporationId: number): Promise<null> {
  const removed = await ctx.db.delete(corporationRoles)
    .where(and(eq(corporationRoles.corporationId, corporationId), eq(corporationRoles.personId, ctx.person.id)))
    .returning({ personId: corporationRoles.personId });
  if (removed.length > 0) {
    await audit(ctx.db, { corporationId, actorPersonId: ctx.person.id, action: 'liaison.left',
      data: { platform: chat.platform, chatId: chat.platformChatId }, at: ctx.now });
  }
  return null;
}

/** The tenancy hook for `member_left` in a linked chat. */
export async function memberLeft(ctx: Ctx): Promise<HandlerResult | null> {
  const { event, chat } = ctx;
  if (event.kind !== 'member_left' || !chat || event.user.isBot) return null;
  if (await stillInAnotherChat(ctx.db, chat, ctx.person.id)) return null;
  if (chat.purpose === 'liaison' && chat.corporationId !== null) return liaisonLeft(ctx, chat, chat.corporationId);
  if (chat.complexId !== null) return complexMemberLeft(ctx, chat, chat.complexId);
  return null;
}
