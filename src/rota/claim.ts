import type { ButtonDef, CommandDef, Ctx, Reply } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import { audit, findMember, listMembers } from '../tenancy/queries.js';
import { claimOccurrence } from './claims.js';
import { argId, complexOf, occurrenceScope, refusal } from './common.js';
import { dayMsg, occMsg } from './format.js';
import { getOccurrence, type ClaimView, type OccurrenceView } from './queries.js';
import { openOccurrences, parseTarget } from './resolve.js';
import { questionAction } from './question.js';

/** Claims one occurrence for a person and says so; every refusal has its own message. */
export async function claimAndReply(ctx: Ctx, occurrenceId: number, forPerson?: { personId: number; name: string }): Promise<Reply> {
  return (await claimWithView(ctx, occurrenceId, forPerson)).reply;
}

/** claimAndReply, also giving the new claim as the rota shows it (to redraw a rota read before it). */
export async function claimWithView(ctx: Ctx, occurrenceId: number, forPerson?: { personId: number; name: string }): Promise<{ reply: Reply; claim: ClaimView }> {
  const complex = complexOf(ctx);
  const tz = complex.timezone;
  const personId = forPerson?.personId ?? ctx.person.id;
  // The occurrence is read in the claim's first round trip: what the answer names (task, time) a claim does not change.
  const [result, occ] = await Promise.all([
    claimOccurrence(ctx.db, occurrenceId, personId, ctx.now, { complexId: complex.id, ...(forPerson ? { assignedBy: ctx.person.id } : {}) }),
    getOccurrence(ctx.db, occurrenceId),
  ]);
  if (!occ || occ.complexId !== complex.id) throw new UserError(msg('rota.error.gone'));
  if (!result.ok) {
    if (result.reason === 'already' && forPerson) throw new UserError(msg('rota.error.alreadyOther', { name: forPerson.name, occ: occMsg(occ, tz) }));
    throw new UserError(refusal(result.reason, occ, tz));
  }
  await audit(ctx.db, { complexId: complex.id, actorPersonId: ctx.person.id, action: 'rota.claimed', at: ctx.now,
    data: { occurrenceId, claimId: result.claimId, personId } });
  const claim: ClaimView = { claimId: result.claimId, personId, name: forPerson?.name ?? ctx.person.displayName, slot: result.slot, doneAt: null };
  return {
    claim,
    reply: forPerson
      ? reply(msg('rota.claimedFor', { name: forPerson.name, occ: occMsg(occ, tz), by: ctx.person.displayName }))
      : reply(msg('rota.claimed', { name: ctx.person.displayName, occ: occMsg(occ, tz) })),
  };
}

/** Up to four candidates as buttons, each with its own action. */
export function whichReply(occs: OccurrenceView[], tz: string, action: (o: OccurrenceView) => string): Reply {
  return reply(msg('rota.ask.which'), {
    buttons: [...occs.slice(0, 4).map((o) => [{ label: occMsg(o, tz), action: action(o) }]), [{ label: msg('rota.button.no'), action: 'rota:no' }]],
  });
}

const MENTION = /(?:^|\s)(?:@(\S+)|(?:voor|for)\s+@?(\S+))\s*$/i;

export const claimCommands: CommandDef[] = [{
  names: { nl: ['neem'], en: ['claim'] },
  help: 'rota.help.claim',
  subject: 'task',
  requires: 'complex',
  async run(ctx, args) {
    const complex = complexOf(ctx);
    let text = args;
    let forPerson: { personId: number; name: string } | undefined;
    const m = MENTION.exec(args);
    if (m) {
      const name = (m[1] ?? m[2])!;
      text = args.slice(0, m.index);
      const found = await findMember(ctx.db, complex.id, name);
      if (found.length !== 1) throw new UserError(msg('rota.error.unknownPerson', { name }));
      const who = found[0]!;
      if (who.personId !== ctx.person.id) {
        if (ctx.role !== 'coordinator') throw new UserError(msg('rota.error.forOtherNotCoordinator', { name: who.displayName }));
        forPerson = { personId: who.personId, name: who.displayName };
      }
    }
    const target = await parseTarget(ctx, text, msg('rota.help.claim'));
    const occs = await openOccurrences(ctx, target);
    const taskName = target.tasks.map((t) => t.name).join(' / ');
    if (occs.length === 0) {
      throw new UserError(target.range
        ? msg('rota.error.noneOnDate', { task: taskName, date: dayMsg(target.range.from) })
        : msg('rota.error.noneOpen', { task: taskName }));
    }
    // Without a date the next open turn is meant; with a date, a single match is taken at once.
    if (occs.length === 1 || (!target.range && target.tasks.length === 1)) return claimAndReply(ctx, occs[0]!.id, forPerson);
    if (forPerson) return whichReply(occs, complex.timezone, (o) => questionAction('c', o.id, forPerson.personId));
    return whichReply(occs, complex.timezone, (o) => questionAction('c', o.id));
  },
}];

/** Claim button: 'rota:c:<occurrenceId>[:<forPersonId>]'. */
async function claimButton(ctx: Ctx, args: string[]): Promise<Reply> {
  const forId = argId(args[1]);
  if (forId && forId !== ctx.person.id) {
    if (ctx.role !== 'coordinator') throw new UserError(msg('rota.error.forOtherNotCoordinator', { name: '' }));
    const found = (await listMembers(ctx.db, complexOf(ctx).id)).find((p) => p.personId === forId);
    if (!found) throw new UserError(msg('rota.error.gone'));
    return claimAndReply(ctx, argId(args[0]), { personId: forId, name: found.displayName });
  }
  return claimAndReply(ctx, argId(args[0]));
}

export const claimButtons: ButtonDef[] = [{
  prefix: 'rota:c',
  requires: 'complex',
  scope: occurrenceScope,
  run: claimButton,
}, {
  prefix: 'rota:no',
  requires: 'anyone',
  async run() {
    return reply(msg('rota.ask.cancelled'), { editOriginal: true });
  },
}];
