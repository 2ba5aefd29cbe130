import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { complexMembers, corporationRoles, identities, identityLinkCodes, people } from '../db/schema/index.js';
import type { MergeRule } from '../capability.js';
import type { CommandDef } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import { InvalidCode, withCodeAttempt } from './code-attempts.js';
import { generateCode, normaliseCode } from './codes.js';
import { audit } from './queries.js';

const LINK_CODE_MINUTES = 30;

/**
 * The tenancy part of a merge: memberships and liaison roles (keeping the higher role), platform
 * identities, audit entries, pending button state; link codes of the merged account are dropped.
 */
export const tenancyMerge: MergeRule = {
  columns: ['complex_members.person_id', 'corporation_roles.person_id', 'identities.person_id', 'audit_log.actor_person_id',
    'pending_actions.person_id', 'identity_link_codes.person_id', 'code_attempts.person_id'],
  async run(tx, from, into) {
    await tx.execute(sql`
      insert into complex_members (complex_id, person_id, role, joined_at, last_seen_at)
      select complex_id, ${into}, role, joined_at, last_seen_at from complex_members where person_id = ${from}
      on conflict (complex_id, person_id) do update set
        role = case when excluded.role = 'coordinator' or complex_members.role = 'coordinator' then 'coordinator' else 'resident' end,
        last_seen_at = greatest(complex_members.last_seen_at, excluded.last_seen_at)`);
    await tx.execute(sql`
      insert into corporation_roles (corporation_id, person_id, role, created_at)
      select corporation_id, ${into}, role, created_at from corporation_roles where person_id = ${from}
      on conflict do nothing`);
    await tx.delete(complexMembers).where(eq(complexMembers.personId, from));
    await tx.delete(corporationRoles).where(eq(corporationRoles.personId, from));
    await tx.update(identities).set({ personId: into }).where(eq(identities.personId, from));
    await tx.execute(sql`update audit_log set actor_person_id = ${into} where actor_person_id = ${from}`);
    await tx.execute(sql`update pending_actions set person_id = ${into} where person_id = ${from}`);
    // Wrong code tries keep counting: linking accounts is no way around the guessing limit.
    await tx.execute(sql`update code_attempts set person_id = ${into} where person_id = ${from}`);
    await tx.delete(identityLinkCodes).where(eq(identityLinkCodes.personId, from));
  },
};

/**
 * Moves everything of `from` onto `into` (every capability's merge rule, in list order) and deletes
 * `from`. `into`'s choices win; a language or unit given on only one of the two accounts is kept.
 */
export async function mergePeople(tx: Db, from: number, into: number, rules: readonly MergeRule[]): Promise<void> {
  for (const rule of rules) await rule.run(tx, from, into);
  await tx.execute(sql`
    update people set language = coalesce(people.language, f.language), unit = coalesce(people.unit, f.unit)
    from people f where people.id = ${into} and f.id = ${from}`);
  await tx.delete(people).where(eq(people.id, from));
}

export const linkCommands: CommandDef[] = [{
  names: { nl: ['koppelaccount'], en: ['linkaccount'] },
  help: 'onboarding.help.linkAccount',
  requires: 'anyone',
  async run(ctx, args) {
    const given = args.trim();
    if (!given) {
      const code = generateCode();
      await ctx.db.insert(identityLinkCodes).values({
        code, personId: ctx.person.id, expiresAt: new Date(ctx.now.getTime() + LINK_CODE_MINUTES * 60_000),
      });
      return reply(msg('onboarding.link.code', { code }), { to: 'direct' });
    }
    // Limited per person and per chat; a wrong and an expired code get the same answer.
    return withCodeAttempt(ctx, 'link', () => ctx.db.transaction(async (tx) => {
      const [row] = await tx.delete(identityLinkCodes)
        .where(and(eq(identityLinkCodes.code, normaliseCode(given)), gt(identityLinkCodes.expiresAt, ctx.now)))
        .returning();
      if (!row) throw new InvalidCode('unknown', msg('onboarding.link.invalid'));
      if (row.personId === ctx.person.id) throw new UserError(msg('onboarding.link.same'));
      const theirs = await tx.select().from(identities).where(eq(identities.personId, row.personId));
      if (theirs.some((i) => i.platform === ctx.identity.platform)) throw new UserError(msg('onboarding.link.samePlatform'));
      // The person who asked for the code is kept; this identity joins them.
      await mergePeople(tx, ctx.person.id, row.personId, ctx.mergeRules);
      const [kept] = await tx.select().from(people).where(eq(people.id, row.personId));
      await audit(tx, { actorPersonId: row.personId, action: 'identity.linked',
        data: { platform: ctx.identity.platform }, at: ctx.now });
      return reply(msg('onboarding.link.done', { name: kept?.displayName ?? ctx.person.displayName }), { to: 'direct' });
    }));
  },
}];
