import type { ButtonDef, CommandDef, ComplexRow, Ctx, Reply } from '../handler.js';
import { reply } from '../handler.js';
import { msg } from '../i18n/index.js';
import { argId, claimScope, ensureRota, occurrenceScope } from './common.js';
import { claimWithView } from './claim.js';
import { claimButtons, dayMsg, MAX_BUTTONS, occMsg, openSlots, rotaLine } from './format.js';
import { horizonEnd } from './generate.js';
import { claimsOfPerson, getClaim, getOccurrence, listOccurrences, type OccurrenceView } from './queries.js';
import { localDate } from '../time/zone.js';
import { UserError } from '../handler.js';

const DEFAULT_WEEKS = 2;

/** The rota of the coming weeks: who does what, what is open, a claim button per open turn. */
export async function rotaReply(ctx: Ctx, weeks = DEFAULT_WEEKS): Promise<Reply> {
  const complex = await ensureRota(ctx);
  const to = horizonEnd(ctx.now, weeks);
  return rotaOf(ctx, complex, to, await listOccurrences(ctx.db, complex.id, ctx.now, to));
}

function rotaOf(ctx: Ctx, complex: ComplexRow, to: Date, occs: OccurrenceView[]): Reply {
  if (occs.length === 0) return reply(msg('rota.view.empty'));
  const body = [msg('rota.view.title', { until: dayMsg(localDate(to, complex.timezone)) }), ...occs.map((o) => rotaLine(o, complex.timezone))];
  if (occs.filter((o) => openSlots(o) > 0).length > MAX_BUTTONS) body.push(msg('rota.view.more'));
  return reply(body, { buttons: claimButtons(occs, complex.timezone, MAX_BUTTONS, 'rota:cv') });
}

export async function myTasksReply(ctx: Ctx): Promise<Reply> {
  const complex = await ensureRota(ctx);
  const mine = await claimsOfPerson(ctx.db, complex.id, ctx.person.id, new Date(ctx.now.getTime() - 7 * 86_400_000));
  const open = mine.filter((o) => o.status === 'open');
  if (open.length === 0) return reply(msg('rota.mine.none'), { to: 'direct' });
  return reply([msg('rota.mine.title'), ...open.map((o) => msg('rota.mine.line', { occ: occMsg(o, complex.timezone) }))], {
    to: 'direct',
    buttons: open.slice(0, MAX_BUTTONS).map((o) => [{ label: occMsg(o, complex.timezone), action: `rota:o:${o.claimId}` }]),
  });
}

export const viewCommands: CommandDef[] = [{
  names: { nl: ['rooster'], en: ['rota'] },
  help: 'rota.help.rota',
  requires: 'complex',
  async run(ctx, args) {
    const weeks = Math.min(8, Math.max(1, Number.parseInt(args, 10) || DEFAULT_WEEKS));
    return rotaReply(ctx, weeks);
  },
}, {
  names: { nl: ['mijntaken'], en: ['mytasks'] },
  help: 'rota.help.mytasks',
  requires: 'complex',
  run: myTasksReply,
}];

export const viewButtons: ButtonDef[] = [{
  // A claim under /rooster: the answer is a new message, and the rota itself is redrawn in place so
  // its lines and buttons match what is open now.
  prefix: 'rota:cv',
  requires: 'complex',
  scope: occurrenceScope,
  async run(ctx, args) {
    const complex = await ensureRota(ctx);
    const to = horizonEnd(ctx.now, DEFAULT_WEEKS);
    const occurrenceId = argId(args[0]);
    // The rota travels with the claim's first round trip; the new claim is then drawn into it.
    const [claimed, occs] = await Promise.all([claimWithView(ctx, occurrenceId), listOccurrences(ctx.db, complex.id, ctx.now, to)]);
    const redrawn = occs.map((o) => (o.id === occurrenceId && !o.claims.some((c) => c.claimId === claimed.claim.claimId)
      ? { ...o, claims: [...o.claims, claimed.claim].sort((a, b) => a.slot - b.slot) } : o));
    return [claimed.reply, { ...rotaOf(ctx, complex, to, redrawn), editOriginal: true }];
  },
}, {
  // "Rota" and "My turns" under the bot's general answer (tenancy/fallback.ts).
  prefix: 'rota:view',
  requires: 'complex',
  run: (ctx) => rotaReply(ctx),
}, {
  prefix: 'rota:mine',
  requires: 'complex',
  run: (ctx) => myTasksReply(ctx),
}, {
  // The actions for one of your own turns.
  prefix: 'rota:o',
  requires: 'complex',
  scope: claimScope,
  async run(ctx, args) {
    const claim = await getClaim(ctx.db, argId(args[0]));
    if (!claim || claim.releasedAt || claim.personId !== ctx.person.id) throw new UserError(msg('rota.error.notHeldButton'));
    const occ = await getOccurrence(ctx.db, claim.occurrenceId);
    if (!occ) throw new UserError(msg('rota.error.gone'));
    const tz = ctx.complex!.timezone;
    const future = occ.dueAt > ctx.now;
    return reply(occMsg(occ, tz), {
      buttons: [[
        { label: msg('rota.button.done'), action: `rota:d:${claim.id}`, style: 'primary' },
        ...(future ? [{ label: msg('rota.button.release'), action: `rota:r:${claim.id}` }] : []),
      ], ...(future ? [[{ label: msg('rota.button.giveaway'), action: `rota:g:${claim.id}` }, { label: msg('rota.button.swap'), action: `rota:s:${claim.id}` }]] : [])],
    });
  },
}];
