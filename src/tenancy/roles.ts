import { eq } from 'drizzle-orm';
import { complexes } from '../db/schema/index.js';
import type { CommandDef, Ctx, HandlerResult, Role } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import { audit, countCoordinators, findMember, getRole, listMembers, setRole, type MemberView } from './queries.js';

async function resolveOne(ctx: Ctx, complexId: number, name: string): Promise<MemberView> {
  if (!name) throw new UserError(msg('onboarding.role.needName'));
  const found = await findMember(ctx.db, complexId, name);
  if (found.length === 0) throw new UserError(msg('onboarding.role.notFound', { name }));
  if (found.length > 1) {
    throw new UserError(msg('onboarding.role.ambiguous', { name, names: found.map((m) => m.displayName).join(', ') }));
  }
  return found[0]!;
}

async function changeRole(ctx: Ctx, args: string, role: Role): Promise<HandlerResult> {
  const complex = ctx.complex!;
  const member = await resolveOne(ctx, complex.id, args.trim());
  if (member.role === role) {
    return reply(msg('onboarding.role.already', { name: member.displayName, role: msg(`core.role.${role}`) }));
  }
  return ctx.db.transaction(async (tx) => {
    // Role changes of one complex take turns (row lock on the complex), so two coordinators
    // demoting each other at once cannot leave none; and the actor must still be a coordinator.
    await tx.select({ id: complexes.id }).from(complexes).where(eq(complexes.id, complex.id)).for('update');
    if ((await getRole(tx, complex.id, ctx.person.id)) !== 'coordinator') {
      throw new UserError(msg('core.error.coordinatorOnly'));
    }
    if (role === 'resident' && (await countCoordinators(tx, complex.id)) <= 1) {
      throw new UserError(msg('onboarding.role.lastCoordinator', { name: member.displayName }));
    }
    await setRole(tx, complex.id, member.personId, role);
    await audit(tx, { complexId: complex.id, actorPersonId: ctx.person.id, action: `role.${role}`,
      data: { personId: member.personId }, at: ctx.now });
    return reply(msg(role === 'coordinator' ? 'onboarding.role.promoted' : 'onboarding.role.demoted', { name: member.displayName }));
  });
}

export const roleCommands: CommandDef[] = [
  {
    names: { nl: ['coordinator', 'coördinator'], en: ['coordinator'] },
    help: 'onboarding.help.coordinator',
    requires: 'coordinator',
    where: 'group',
    run: (ctx, args) => changeRole(ctx, args, 'coordinator'),
  },
  {
    names: { nl: ['bewoner'], en: ['resident'] },
    help: 'onboarding.help.resident',
    requires: 'coordinator',
    where: 'group',
    run: (ctx, args) => changeRole(ctx, args, 'resident'),
  },
  {
    names: { nl: ['leden'], en: ['members'] },
    help: 'onboarding.help.members',
    requires: 'coordinator',
    async run(ctx) {
      const complex = ctx.complex!;
      const members = await listMembers(ctx.db, complex.id);
      return reply([
        msg('onboarding.members.title', { complex: complex.name }),
        ...members.map((m) => msg('onboarding.members.line', { name: m.displayName, role: msg(`core.role.${m.role}`) })),
      ]);
    },
  },
];
