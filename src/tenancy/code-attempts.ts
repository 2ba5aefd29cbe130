import { and, desc, eq, gt, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { codeAttempts } from '../db/schema/index.js';
import type { Ctx } from '../handler.js';
import { reply, UserError, type HandlerResult } from '../handler.js';
import { msg, type Msg } from '../i18n/index.js';
import { formatLongDateTime } from '../time/zone.js';
import { audit, getPerson } from './queries.js';

/**
 * Join codes and account-link codes are short: guessing is limited to `max` wrong tries per person and
 * per chat in `windowMs` (stored in PostgreSQL, so it holds across instances and restarts).
 */
export const CODE_ATTEMPTS = { max: 5, windowMs: 10 * 60_000 };

export type CodeKind = 'join' | 'link';

export interface CodeAttempt { id: number; kind: CodeKind }

const chatKeyOf = (ctx: Ctx) => `${ctx.event.chat.platform}:${ctx.event.chat.chatId}`;

/**
 * Records a try before the code is looked at. It counts as wrong until `settleCodeAttempt` says otherwise,
 * so tries sent at the same moment see each other. Over the limit: the answer naming when to try again.
 */
export async function beginCodeAttempt(ctx: Ctx, kind: CodeKind): Promise<CodeAttempt | { refused: Msg }> {
  const chatKey = chatKeyOf(ctx);
  const since = new Date(ctx.now.getTime() - CODE_ATTEMPTS.windowMs);
  const [row] = await ctx.db.insert(codeAttempts)
    .values({ kind, personId: ctx.person.id, chatKey, outcome: 'invalid', at: ctx.now }).returning({ id: codeAttempts.id });
  if (!row) throw new Error('insert code attempt returned nothing');
  const counted = (scope: ReturnType<typeof eq>) => ctx.db.select({ at: codeAttempts.at }).from(codeAttempts)
    .where(and(scope, eq(codeAttempts.outcome, 'invalid'), gt(codeAttempts.at, since), lt(codeAttempts.id, row.id)))
    .orderBy(desc(codeAttempts.at)).limit(CODE_ATTEMPTS.max);
  const [byPerson, byChat] = await Promise.all([counted(eq(codeAttempts.personId, ctx.person.id)), counted(eq(codeAttempts.chatKey, chatKey))]);
  const full = [byPerson, byChat].filter((earlier) => earlier.length >= CODE_ATTEMPTS.max);
  if (full.length === 0) return { id: row.id, kind };
  // Free again when the oldest of the last `max` wrong tries leaves the window.
  const until = new Date(Math.max(...full.map((earlier) => earlier[CODE_ATTEMPTS.max - 1]!.at.getTime())) + CODE_ATTEMPTS.windowMs);
  await ctx.db.update(codeAttempts).set({ outcome: 'refused' }).where(eq(codeAttempts.id, row.id));
  await audit(ctx.db, { complexId: ctx.complex?.id ?? null, actorPersonId: ctx.person.id, action: 'code.attempt',
    data: { kind, outcome: 'refused', chat: chatKey }, at: ctx.now });
  const tz = ctx.complex?.timezone ?? 'Europe/Amsterdam';
  return { refused: msg('onboarding.code.tooMany', { max: CODE_ATTEMPTS.max, until: formatLongDateTime(until, tz, ctx.lang) }) };
}

/** Settles a try: 'ok' (a real code, used or not) stops counting; 'invalid' keeps counting. Audited either way. */
export async function settleCodeAttempt(ctx: Ctx, attempt: CodeAttempt, outcome: 'ok' | 'invalid', reason?: string): Promise<void> {
  if (outcome === 'ok') await ctx.db.update(codeAttempts).set({ outcome }).where(eq(codeAttempts.id, attempt.id));
  // A linked account merges this person into the one who asked for the code: then they are gone.
  const actor = (await getPerson(ctx.db, ctx.person.id)) ? ctx.person.id : null;
  await audit(ctx.db, { complexId: ctx.complex?.id ?? null, actorPersonId: actor, action: 'code.attempt',
    data: { kind: attempt.kind, outcome, ...(reason ? { reason } : {}), chat: chatKeyOf(ctx) }, at: ctx.now });
}

/**
 * Runs `use` as one try of a code: counted, audited, and refused when over the limit. Wrong and refused
 * tries are answered with a reply, not a UserError: a UserError rolls back the handler's writes, and with
 * them the try that must be counted.
 */
export async function withCodeAttempt(ctx: Ctx, kind: CodeKind, use: () => Promise<HandlerResult>): Promise<HandlerResult> {
  const attempt = await beginCodeAttempt(ctx, kind);
  const refusal = (m: Msg) => reply(m, { ephemeral: ctx.platform.supports.ephemeral });
  if ('refused' in attempt) return refusal(attempt.refused);
  try {
    const result = await use();
    await settleCodeAttempt(ctx, attempt, 'ok');
    return result;
  } catch (err) {
    if (err instanceof InvalidCode) {
      await settleCodeAttempt(ctx, attempt, 'invalid', err.reason);
      return refusal(err.reply);
    }
    // A real code refused for another reason (same person, group linked meanwhile) is no guess.
    await settleCodeAttempt(ctx, attempt, err instanceof UserError ? 'ok' : 'invalid', err instanceof UserError ? 'refused' : 'error');
    throw err;
  }
}

/** Thrown inside `withCodeAttempt` for a code that does not work; every reason gets the same reply. */
export class InvalidCode extends Error {
  constructor(readonly reason: 'unknown' | 'expired' | 'used', readonly reply: ReturnType<typeof msg>) {
    super(`invalid code (${reason})`);
    this.name = 'InvalidCode';
  }
}

/** Tries older than a day are of no use to the limit. */
export async function pruneCodeAttempts(db: Db, now: Date): Promise<number> {
  const removed = await db.delete(codeAttempts).where(lt(codeAttempts.at, new Date(now.getTime() - 86_400_000)))
    .returning({ id: codeAttempts.id });
  return removed.length;
}
