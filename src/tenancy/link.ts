import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { complexMembers, corporationRoles, identities, identityLinkCodes, people } from '../db/schema/index.js';
import type { CommandDef } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import { InvalidCode, withCodeAttempt } from './code-attempts.js';
import { generateCode, normaliseCode } from './codes.js';
import { audit } from './queries.js';

const LINK_CODE_MINUTES = 30;

/**
 * Tables other capabilities add that point at people must be re-pointed here when two people
 * merge; each capability registers its own re-pointing so this module needs no knowledge of them.
 */
export type PersonMergeHook = (tx: Db, from: number, into: number) => Promise<void>;
const mergeHooks: PersonMergeHook[] = [];
export function onPersonMerge(hook: PersonMergeHook): void {
  mergeHooks.push(hook);
}

/** Moves everything of `from` onto `into` and deletes `from`. Roles keep the higher of the two; `into`'s choices win. */
export async function mergePeople(tx: Db, from: number, into: number): Promise<void> {
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
  // A language chosen (or unit given) on only one of the two accounts is kept.
  await tx.execute(sql`
    update people set language = coalesce(people.language, f.language), unit = coalesce(people.unit, f.unit)
    from people f where people.id = ${into} and f.id = ${from}`);
  for (const hook of mergeHooks) await hook(tx, from, into);
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
      await mergePeople(tx, ctx.person.id, row.personId);
      const [kept] = await tx.select().from(people).where(eq(people.id, row.personId));
      await audit(tx, { actorPersonId: row.personId, action: 'identity.linked',
        data: { platform: ctx.identity.platform }, at: ctx.now });
      return reply(msg('onboarding.link.done', { name: kept?.displayName ?? ctx.person.displayName }), { to: 'direct' });
    }));
  },
}];
