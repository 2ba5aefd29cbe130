import { and, eq, gt, isNull, ne } from 'drizzle-orm';
import { rotaClaims, rotaOccurrences, rotaOffers } from '../db/schema/index.js';
import type { ButtonDef, CommandDef, Ctx, Reply } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg, type MessageKey } from '../i18n/index.js';
import { audit, findMember, getPerson } from '../tenancy/queries.js';
import { transferClaim, type TransferResult } from './claims.js';
import { argId, claimScope, complexOf, offerScope } from './common.js';
import { occMsg } from './format.js';
import { whichReply } from './claim.js';
import { getClaim, getOccurrence, groupChatsOf, type OccurrenceView } from './queries.js';
import { dateSuffix, heldOccurrences, parseTarget } from './resolve.js';
import { questionAction } from './question.js';

type OfferKind = 'giveaway' | 'swap' | 'handover';
type OfferRow = typeof rotaOffers.$inferSelect;

/** The person's own open, future claim, or a UserError saying it is not theirs. */
async function ownFutureClaim(ctx: Ctx, claimId: number): Promise<OccurrenceView> {
  const claim = await getClaim(ctx.db, claimId);
  if (!claim || claim.releasedAt || claim.personId !== ctx.person.id || claim.complexId !== complexOf(ctx).id) {
    throw new UserError(msg('rota.error.notHeldButton'));
  }
  const occ = await getOccurrence(ctx.db, claim.occurrenceId);
  if (!occ || occ.status !== 'open') throw new UserError(msg('rota.error.doneAlready'));
  if (occ.dueAt <= ctx.now) throw new UserError(msg('rota.error.releasePast'));
  return occ;
}

/** Opens an offer (replacing an older open offer for the same claim) and announces it. */
export async function offerAndReply(ctx: Ctx, claimId: number, kind: OfferKind, to?: { personId: number; name: string }): Promise<Reply[]> {
  const complex = complexOf(ctx);
  const occ = await ownFutureClaim(ctx, claimId);
  if (to && to.personId === ctx.person.id) throw new UserError(msg('rota.error.handoverSelf'));
  const offer = await ctx.db.transaction(async (tx) => {
    await tx.update(rotaOffers).set({ status: 'cancelled', closedAt: ctx.now }).where(and(eq(rotaOffers.claimId, claimId), eq(rotaOffers.status, 'open')));
    const [row] = await tx.insert(rotaOffers).values({
      complexId: complex.id, claimId, kind, fromPersonId: ctx.person.id, toPersonId: to?.personId ?? null, createdAt: ctx.now,
    }).returning();
    return row!;
  });
  await audit(ctx.db, { complexId: complex.id, actorPersonId: ctx.person.id, action: `rota.offer.${kind}`, at: ctx.now, data: { offerId: offer.id, claimId } });
  const o = occMsg(occ, complex.timezone);
  if (kind === 'handover' && to) {
    return [
      reply(msg('rota.handover.ask', { from: ctx.person.displayName, occ: o }), {
        to: { personId: to.personId },
        buttons: [[{ label: msg('rota.button.accept'), action: `rota:h:${offer.id}:y`, style: 'primary' }, { label: msg('rota.button.decline'), action: `rota:h:${offer.id}:n` }]],
      }),
      reply(msg('rota.handover.sent', { name: to.name, occ: o })),
    ];
  }
  const buttons = kind === 'swap'
    ? [[{ label: msg('rota.button.swap'), action: `rota:a:${offer.id}`, style: 'primary' as const }, { label: msg('rota.button.takeOver'), action: `rota:a:${offer.id}:t` }]]
    : [[{ label: msg('rota.button.takeOver'), action: `rota:a:${offer.id}:t`, style: 'primary' as const }]];
  const text = msg(kind === 'swap' ? 'rota.offer.swap' : 'rota.offer.giveaway', { name: ctx.person.displayName, occ: o });
  const groups = await groupChatsOf(ctx.db, complex.id);
  if (ctx.chat && groups.includes(ctx.chat.id)) return [reply(text, { buttons })];
  return [...groups.map((chatId) => reply(text, { buttons, to: { chatId } })), reply(msg('rota.offer.posted'))];
}

function transferError(result: Exclude<TransferResult, { ok: true }>, occ: OccurrenceView, tz: string): UserError {
  if (result.reason === 'already') return new UserError(msg('rota.error.already', { occ: occMsg(occ, tz) }));
  if (result.reason === 'past') return new UserError(msg('rota.error.releasePast'));
  if (result.reason === 'done') return new UserError(msg('rota.error.doneAlready'));
  return new UserError(msg('rota.error.offerGone'));
}

/** Accepts an offer in one transaction: the offer row is locked so only the first press wins. */
async function acceptOffer(ctx: Ctx, offerId: number, mode: 'take' | { swapClaimId: number }): Promise<Reply[]> {
  const complex = complexOf(ctx);
  const tz = complex.timezone;
  return ctx.db.transaction(async (tx) => {
    const [offer] = await tx.select().from(rotaOffers).where(eq(rotaOffers.id, offerId)).for('update');
    if (!offer || offer.status !== 'open') throw new UserError(msg('rota.error.offerGone'));
    if (offer.fromPersonId === ctx.person.id) throw new UserError(msg('rota.error.ownOffer'));
    if (offer.toPersonId && offer.toPersonId !== ctx.person.id) throw new UserError(msg('rota.error.notForYou'));
    const claim = await getClaim(tx, offer.claimId);
    const occ = claim ? await getOccurrence(tx, claim.occurrenceId) : null;
    if (!claim || !occ) throw new UserError(msg('rota.error.offerGone'));
    const given = await transferClaim(tx, offer.claimId, ctx.person.id, ctx.now);
    if (!given.ok) throw transferError(given, occ, tz);
    const from = (await getPerson(tx, offer.fromPersonId))?.displayName ?? '?';
    let body = msg('rota.offer.takenOver', { name: ctx.person.displayName, occ: occMsg(occ, tz), from });
    if (mode !== 'take') {
      const theirs = await getClaim(tx, mode.swapClaimId);
      const other = theirs ? await getOccurrence(tx, theirs.occurrenceId) : null;
      if (!theirs || !other || theirs.personId !== ctx.person.id || theirs.complexId !== complex.id) throw new UserError(msg('rota.error.notHeldButton'));
      const back = await transferClaim(tx, theirs.id, offer.fromPersonId, ctx.now);
      if (!back.ok) {
        if (back.reason === 'already') throw new UserError(msg('rota.offer.swapFailed', { from, other: occMsg(other, tz) }));
        throw transferError(back, other, tz);
      }
      body = msg('rota.offer.swapped', { name: ctx.person.displayName, occ: occMsg(occ, tz), from, other: occMsg(other, tz) });
    }
    await tx.update(rotaOffers).set({ status: 'accepted', closedAt: ctx.now, acceptedBy: ctx.person.id }).where(eq(rotaOffers.id, offerId));
    await audit(tx, { complexId: complex.id, actorPersonId: ctx.person.id, action: 'rota.offer.accepted', at: ctx.now, data: { offerId } });
    // The answer replaces the offer (or the private handover question), so it cannot be accepted twice.
    const replies = [reply(body, { editOriginal: true })];
    if (offer.kind === 'handover') replies.push(reply(msg('rota.handover.accepted', { name: ctx.person.displayName, occ: occMsg(occ, tz), from }), { to: { personId: offer.fromPersonId } }));
    return replies;
  });
}

/** For a swap: the acceptor's own future turns the offerer could take. */
async function swapChoices(ctx: Ctx, offer: OfferRow): Promise<{ claimId: number; occ: OccurrenceView }[]> {
  const claim = await getClaim(ctx.db, offer.claimId);
  const rows = await ctx.db.select({ claimId: rotaClaims.id, occurrenceId: rotaClaims.occurrenceId }).from(rotaClaims)
    .innerJoin(rotaOccurrences, eq(rotaOccurrences.id, rotaClaims.occurrenceId))
    .where(and(eq(rotaClaims.personId, ctx.person.id), isNull(rotaClaims.releasedAt), eq(rotaOccurrences.complexId, offer.complexId),
      eq(rotaOccurrences.status, 'open'), gt(rotaOccurrences.dueAt, ctx.now), ne(rotaClaims.occurrenceId, claim?.occurrenceId ?? 0)))
    .orderBy(rotaOccurrences.dueAt).limit(4);
  const out = [];
  for (const r of rows) {
    const occ = await getOccurrence(ctx.db, r.occurrenceId);
    if (occ && !occ.claims.some((c) => c.personId === offer.fromPersonId)) out.push({ claimId: r.claimId, occ });
  }
  return out;
}

const offerCommand = (nl: string, en: string, kind: 'giveaway' | 'swap', help: MessageKey): CommandDef => ({
  names: { nl: [nl], en: [en] },
  help,
  subject: 'task',
  requires: 'complex',
  async run(ctx, args) {
    const target = await parseTarget(ctx, args, msg(help));
    const held = await heldOccurrences(ctx, target, ctx.person.id);
    if (held.length === 0) throw new UserError(msg('rota.error.notHeld', { task: target.tasks[0]!.name, date: dateSuffix(target.range) }));
    if (held.length === 1 || !target.range) return offerAndReply(ctx, held[0]!.claimId, kind);
    return whichReply(held, target.tz, (o) => questionAction(kind === 'swap' ? 's' : 'g', (o as typeof held[number]).claimId));
  },
});

export const offerCommands: CommandDef[] = [
  offerCommand('weggeven', 'giveaway', 'giveaway', 'rota.help.giveaway'),
  offerCommand('ruilen', 'swap', 'swap', 'rota.help.swap'),
  {
    subject: 'task',
    names: { nl: ['overdragen'], en: ['handover'] },
    help: 'rota.help.handover',
    requires: 'complex',
    async run(ctx, args) {
      const m = /(?:^|\s)(?:(?:aan|to)\s+)?@?(\S+)\s*$/i.exec(args);
      if (!m || !/@|\s(aan|to)\s/i.test(` ${args}`)) throw new UserError(msg('rota.error.handoverWho'));
      const found = await findMember(ctx.db, complexOf(ctx).id, m[1]!);
      if (found.length !== 1) throw new UserError(msg('rota.error.unknownPerson', { name: m[1]! }));
      const to = { personId: found[0]!.personId, name: found[0]!.displayName };
      if (to.personId === ctx.person.id) throw new UserError(msg('rota.error.handoverSelf'));
      const target = await parseTarget(ctx, args.slice(0, m.index), msg('rota.help.handover'));
      const held = await heldOccurrences(ctx, target, ctx.person.id);
      if (held.length === 0) throw new UserError(msg('rota.error.notHeld', { task: target.tasks[0]!.name, date: dateSuffix(target.range) }));
      return offerAndReply(ctx, held[0]!.claimId, 'handover', to);
    },
  },
];

export const offerButtons: ButtonDef[] = [
  { prefix: 'rota:g', requires: 'complex', scope: claimScope, run: (ctx, args) => offerAndReply(ctx, argId(args[0]), 'giveaway') },
  { prefix: 'rota:s', requires: 'complex', scope: claimScope, run: (ctx, args) => offerAndReply(ctx, argId(args[0]), 'swap') },
  {
    prefix: 'rota:a',
    requires: 'complex',
    scope: offerScope,
    async run(ctx, args) {
      const offerId = argId(args[0]);
      if (args[1] === 't') return acceptOffer(ctx, offerId, 'take');
      const [offer] = await ctx.db.select().from(rotaOffers).where(eq(rotaOffers.id, offerId));
      if (!offer || offer.status !== 'open') throw new UserError(msg('rota.error.offerGone'));
      if (offer.fromPersonId === ctx.person.id) throw new UserError(msg('rota.error.ownOffer'));
      const choices = await swapChoices(ctx, offer);
      const from = (await getPerson(ctx.db, offer.fromPersonId))?.displayName ?? '?';
      if (choices.length === 0) throw new UserError(msg('rota.offer.swapNeedClaim', { name: from }));
      if (choices.length === 1) return acceptOffer(ctx, offerId, { swapClaimId: choices[0]!.claimId });
      return reply(msg('rota.offer.chooseSwap', { name: from }), {
        to: 'direct',
        buttons: choices.map((c) => [{ label: msg('rota.button.swapWith', { occ: occMsg(c.occ, complexOf(ctx).timezone) }), action: `rota:x:${offerId}:${c.claimId}` }]),
      });
    },
  },
  { prefix: 'rota:x', requires: 'complex', scope: offerScope, run: (ctx, args) => acceptOffer(ctx, argId(args[0]), { swapClaimId: argId(args[1]) }) },
  {
    prefix: 'rota:h',
    requires: 'complex',
    scope: offerScope,
    async run(ctx, args) {
      const offerId = argId(args[0]);
      if (args[1] === 'y') return acceptOffer(ctx, offerId, 'take');
      const [offer] = await ctx.db.select().from(rotaOffers).where(eq(rotaOffers.id, offerId));
      if (!offer || offer.status !== 'open') throw new UserError(msg('rota.error.offerGone'));
      if (offer.toPersonId !== ctx.person.id) throw new UserError(msg('rota.error.notForYou'));
      await ctx.db.update(rotaOffers).set({ status: 'declined', closedAt: ctx.now }).where(and(eq(rotaOffers.id, offerId), eq(rotaOffers.status, 'open')));
      const claim = await getClaim(ctx.db, offer.claimId);
      const occ = claim ? await getOccurrence(ctx.db, claim.occurrenceId) : null;
      const from = (await getPerson(ctx.db, offer.fromPersonId))?.displayName ?? '?';
      const o = occ ? occMsg(occ, complexOf(ctx).timezone) : '';
      return [reply(msg('rota.handover.declinedAck', { from }), { editOriginal: true }),
        reply(msg('rota.handover.declined', { name: ctx.person.displayName, occ: o }), { to: { personId: offer.fromPersonId } })];
    },
  },
];
