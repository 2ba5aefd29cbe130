import { eq } from 'drizzle-orm';
import { chats, complexes, corporationRoles, corporations } from '../db/schema/index.js';
import type { ButtonDef, ChatRow, CommandDef, Ctx, HandlerResult } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg, type Msg } from '../i18n/index.js';
import type { UserRef } from '../platform.js';
import { InvalidCode, withCodeAttempt } from './code-attempts.js';
import { normaliseCode, redeemJoinCode } from './codes.js';
import { audit, ensurePerson, findChat, getComplex, setRole } from './queries.js';
import type { Db } from '../db/client.js';

/** The people who become coordinators (or liaisons): the caller and the platform's group admins. */
async function adminsAndCaller(ctx: Ctx): Promise<UserRef[]> {
  const admins = await ctx.platform.chatAdmins(ctx.event.chat.chatId).catch((err: unknown) => {
    ctx.log.warn({ err, chatId: ctx.event.chat.chatId }, 'could not list chat admins');
    return [] as UserRef[];
  });
  const all = [ctx.event.user, ...admins.filter((a) => !a.isBot && a.userId !== ctx.event.user.userId)];
  return all;
}

async function alreadyLinkedMsg(db: Db, chat: ChatRow): Promise<Msg> {
  if (chat.purpose === 'liaison' && chat.corporationId) {
    const [corp] = await db.select().from(corporations).where(eq(corporations.id, chat.corporationId));
    return msg('onboarding.setup.alreadyLiaison', { corporation: corp?.name ?? '?' });
  }
  const complex = chat.complexId ? await getComplex(db, chat.complexId) : null;
  return msg('onboarding.setup.alreadyLinked', { complex: complex?.name ?? '?' });
}

async function alreadyLinked(ctx: Ctx): Promise<HandlerResult | null> {
  return ctx.chat ? reply(await alreadyLinkedMsg(ctx.db, ctx.chat)) : null;
}

/**
 * Two /koppel commands (or two presses of the register button) in one group at the same moment:
 * the unique index on chats lets one win; the other rolls back (giving back the code's use) and is
 * told the group is linked, instead of failing on the unique violation.
 */
async function insertChat(tx: Db, values: typeof chats.$inferInsert): Promise<void> {
  const inserted = await tx.insert(chats).values(values).onConflictDoNothing().returning({ id: chats.id });
  if (inserted.length > 0) return;
  const existing = await findChat(tx, values.platform, values.platformChatId);
  if (!existing) throw new Error(`chat ${values.platform}:${values.platformChatId} conflicts but is not there`);
  throw new UserError(await alreadyLinkedMsg(tx, existing));
}

async function linkComplexChat(tx: Db, ctx: Ctx, complexId: number, people: UserRef[]): Promise<string[]> {
  const { chat } = ctx.event;
  await insertChat(tx, {
    platform: chat.platform, platformChatId: chat.chatId, purpose: 'complex', complexId, title: chat.title ?? null,
  });
  const names: string[] = [];
  for (const user of people) {
    const { person } = await ensurePerson(tx, user);
    await setRole(tx, complexId, person.id, 'coordinator');
    names.push(person.displayName);
  }
  await audit(tx, { complexId, actorPersonId: ctx.person.id, action: 'chat.linked',
    data: { platform: chat.platform, chatId: chat.chatId, coordinators: names }, at: ctx.now });
  return names;
}

async function setupWithCode(ctx: Ctx, code: string): Promise<HandlerResult> {
  const people = await adminsAndCaller(ctx);
  // Limited per person and per chat; unknown, expired and used codes get one and the same answer.
  return withCodeAttempt(ctx, 'join', () => ctx.db.transaction(async (tx) => {
    const redeemed = await redeemJoinCode(tx, code, ctx.now);
    const shown = normaliseCode(code);
    if (!redeemed.ok) throw new InvalidCode(redeemed.reason, msg('onboarding.setup.codeInvalid', { code: shown }));
    const { row } = redeemed;
    if (row.purpose === 'liaison' && row.corporationId) {
      const corporationId = row.corporationId;
      const { chat } = ctx.event;
      await insertChat(tx, {
        platform: chat.platform, platformChatId: chat.chatId, purpose: 'liaison', corporationId, title: chat.title ?? null,
      });
      const names: string[] = [];
      for (const user of people) {
        const { person } = await ensurePerson(tx, user);
        await tx.insert(corporationRoles).values({ corporationId, personId: person.id, role: 'liaison' }).onConflictDoNothing();
        names.push(person.displayName);
      }
      await audit(tx, { corporationId, actorPersonId: ctx.person.id, action: 'liaison_chat.linked',
        data: { platform: chat.platform, chatId: chat.chatId, liaisons: names }, at: ctx.now });
      const [corp] = await tx.select().from(corporations).where(eq(corporations.id, corporationId));
      return reply(msg('onboarding.setup.liaisonLinked', { corporation: corp?.name ?? '?', liaisons: names.join(', ') }));
    }
    if (!row.complexId) throw new Error(`join code ${row.code} has no target`);
    const complex = await getComplex(tx, row.complexId);
    if (!complex) throw new InvalidCode('unknown', msg('onboarding.setup.codeInvalid', { code: shown }));
    const names = await linkComplexChat(tx, ctx, complex.id, people);
    return reply(msg('onboarding.setup.linked', { complex: complex.name, coordinators: names.join(', ') }));
  }));
}

const setupCommand: CommandDef = {
  names: { nl: ['koppel'], en: ['setup'] },
  help: 'onboarding.help.setup',
  requires: 'anyone',
  async run(ctx, args) {
    if (ctx.event.chat.isDirect) throw new UserError(msg('onboarding.setup.notInDirect'));
    const linked = await alreadyLinked(ctx);
    if (linked) return linked;
    const code = args.trim();
    if (code) return setupWithCode(ctx, code);
    return reply(msg('onboarding.setup.noCode'), {
      buttons: [[{ label: msg('onboarding.setup.registerButton'), action: 'setup:register', style: 'primary' }]],
    });
  },
};

/** Registers a self-organised complex named after the group; only a group admin may press it. */
const registerButton: ButtonDef = {
  prefix: 'setup:register',
  requires: 'anyone',
  where: 'group',
  async run(ctx) {
    const linked = await alreadyLinked(ctx);
    if (linked) return linked;
    const admins = await ctx.platform.chatAdmins(ctx.event.chat.chatId);
    if (!admins.some((a) => a.userId === ctx.event.user.userId)) throw new UserError(msg('onboarding.setup.adminOnly'));
    const people = await adminsAndCaller(ctx);
    const name = ctx.event.chat.title?.trim() || `Complex ${ctx.event.chat.chatId}`;
    return ctx.db.transaction(async (tx) => {
      const [complex] = await tx.insert(complexes).values({ name, language: ctx.lang }).returning();
      if (!complex) throw new Error('insert complex returned nothing');
      const names = await linkComplexChat(tx, ctx, complex.id, people);
      await audit(tx, { complexId: complex.id, actorPersonId: ctx.person.id, action: 'complex.registered', data: { name }, at: ctx.now });
      return reply(msg('onboarding.setup.registered', { complex: name, coordinators: names.join(', ') }), { editOriginal: true });
    });
  },
};

export const setupCommands = [setupCommand];
export const setupButtons = [registerButton];
