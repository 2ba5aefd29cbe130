import { and, eq, inArray } from 'drizzle-orm';
import { complexes, reports } from '../db/schema/index.js';
import { canAskForm, UserError, type ButtonDef, type CommandDef, type Ctx, type HandlerResult } from '../handler.js';
import { msg, type Msg } from '../i18n/index.js';
import { historyLines, listLine, meTooButton, stateMsg, summary } from './format.js';
import { photoOfEvent, startReport } from './flow.js';
import { askReportForm } from './form.js';
import { history, openReports, reportByNumber, type ReportRow } from './queries.js';
import { canSee, isOpen, type HeldBy, type ReportState } from './rules.js';
import { veraDocument } from './vera.js';

function viewer(ctx: Ctx) {
  return { personId: ctx.person.id, role: ctx.role, liaison: ctx.complex?.corporationId != null && ctx.liaisonOf.includes(ctx.complex.corporationId) };
}

const visible = (ctx: Ctx, r: ReportRow) => canSee({ ...r, heldBy: r.heldBy as HeldBy }, viewer(ctx));

async function list(ctx: Ctx): Promise<HandlerResult> {
  // A liaison without a complex of their own sees what their corporation holds.
  if (!ctx.role && ctx.liaisonOf.length > 0) {
    const ids = (await ctx.db.select({ id: complexes.id }).from(complexes).where(inArray(complexes.corporationId, ctx.liaisonOf))).map((c) => c.id);
    const held = ids.length === 0 ? [] : await ctx.db.select().from(reports)
      .where(and(inArray(reports.complexId, ids), eq(reports.heldBy, 'corporation'), inArray(reports.state, ['escalated', 'in_progress', 'resolved'])));
    return { body: held.length === 0 ? [msg('reports.listEmpty')] : [msg('reports.listTitle'), ...held.map(listLine)], ephemeral: true };
  }
  if (!ctx.complex) throw new UserError(msg('core.error.noComplexInDirect'));
  const shown = (await openReports(ctx.db, ctx.complex.id)).filter((r) => visible(ctx, r));
  // A private report is listed only where nobody else reads along: by DM (or ephemerally).
  const inGroup = !ctx.event.chat.isDirect;
  const forGroup = inGroup ? shown.filter((r) => r.visibility === 'public') : shown;
  const body = forGroup.length === 0 ? [msg('reports.listEmpty')] : [msg('reports.listTitle'), ...forGroup.map(listLine)];
  if (inGroup && forGroup.length < shown.length) body.push(msg('reports.listPrivateHint', { count: shown.length - forGroup.length }));
  return { body };
}

/**
 * A liaison outside any complex (their DM, the liaison chat): `/melding <nr>` among the reports their
 * corporation holds, or `/melding <complex> <nr>` when that number is held in more than one complex.
 */
async function showForLiaison(ctx: Ctx, args: string): Promise<HandlerResult> {
  const m = /^(.*?)\s*#?(\d+)$/.exec(args.trim());
  if (!m) throw new UserError(msg('reports.error.usageShowLiaison'));
  const [, name, digits] = m;
  const n = Number(digits);
  const held = await ctx.db.select({ report: reports, complex: complexes }).from(reports).innerJoin(complexes, eq(complexes.id, reports.complexId))
    .where(and(inArray(complexes.corporationId, ctx.liaisonOf), eq(reports.number, n), eq(reports.heldBy, 'corporation')));
  const wanted = name!.trim().toLowerCase();
  const hits = wanted ? held.filter((h) => h.complex.name.toLowerCase() === wanted) : held;
  if (hits.length === 0) throw new UserError(msg('reports.error.unknownNumber', { number: n }));
  if (hits.length > 1) {
    throw new UserError(msg('reports.error.whichComplex', { number: n, complexes: hits.map((h) => h.complex.name).join(', '), example: hits[0]!.complex.name }));
  }
  const { report: r, complex } = hits[0]!;
  return { body: [msg('reports.inComplex', { complex: complex.name }), summary(r), msg('reports.detail', { state: stateMsg(r.state), count: r.meToo }),
    msg('reports.historyTitle'), ...historyLines(await history(ctx.db, r.id), complex.timezone, ctx.lang)] };
}

/** `/melding <nr>`: also what "hoe staat het met melding 3?" answers, with the same rules on who sees what. */
export async function show(ctx: Ctx, args: string): Promise<HandlerResult> {
  if (!ctx.complex && ctx.liaisonOf.length > 0) return showForLiaison(ctx, args);
  if (!ctx.complex) throw new UserError(msg(ctx.event.chat.isDirect ? 'core.error.noComplexInDirect' : 'core.error.notLinked'));
  const n = Number(args.trim().replace(/^#/, ''));
  if (!Number.isInteger(n) || n <= 0) throw new UserError(msg('reports.error.usageShow'));
  const r = await reportByNumber(ctx.db, ctx.complex.id, n);
  if (!r || !visible(ctx, r)) throw new UserError(msg('reports.error.unknownNumber', { number: n }));
  const body: Msg[] = [summary(r), msg('reports.detail', { state: stateMsg(r.state), count: r.meToo }), msg('reports.historyTitle'),
    ...historyLines(await history(ctx.db, r.id), ctx.complex.timezone, ctx.lang)];
  const buttons = r.visibility === 'public' && isOpen(r.state as ReportState) && r.reporterPersonId !== ctx.person.id ? meTooButton(r) : undefined;
  // A private report's details go to the asker alone.
  return { body, ...(buttons ? { buttons } : {}), ...(r.visibility === 'private' && !ctx.event.chat.isDirect ? { to: 'direct' as const } : {}) };
}

async function exportVera(ctx: Ctx, args: string): Promise<HandlerResult> {
  const n = Number(args.trim().replace(/^#/, ''));
  if (!ctx.complex || !Number.isInteger(n) || n <= 0) throw new UserError(msg('reports.error.usageVera'));
  const r = await reportByNumber(ctx.db, ctx.complex.id, n);
  if (!r) throw new UserError(msg('reports.error.unknownNumber', { number: n }));
  const doc = veraDocument(r, ctx.complex);
  return { body: [msg('reports.veraExport', { number: r.number })], to: 'direct',
    file: { name: `onderhoudsverzoek-${ctx.complex.id}-${r.number}.json`, content: Buffer.from(JSON.stringify(doc, null, 2)), mimeType: 'application/json' } };
}

export const reportCommands: CommandDef[] = [{
  names: { nl: ['meld'], en: ['report'] },
  help: 'reports.help.report',
  requires: 'complex',
  run: (ctx, args) => {
    const photo = photoOfEvent(ctx);
    // Nothing given: one form where the platform has forms, else the conversation asks.
    if (!args && !photo && canAskForm(ctx)) return Promise.resolve(askReportForm());
    return startReport(ctx, { text: args || null, photo });
  },
}, {
  names: { nl: ['meldingen'], en: ['reports'] },
  help: 'reports.help.list',
  requires: 'anyone',
  run: (ctx) => list(ctx),
}, {
  names: { nl: ['melding'], en: ['showreport'] },
  help: 'reports.help.show',
  // Members in their complex; a liaison also outside it, among what their corporation holds.
  requires: 'anyone',
  run: (ctx, args) => show(ctx, args),
}, {
  names: { nl: ['vera'], en: ['vera'] },
  help: 'reports.help.vera',
  requires: 'coordinator',
  audience: 'coordinator',
  run: (ctx, args) => exportVera(ctx, args),
}];

/** The "Report" button of the general answer. */
export const startButton: ButtonDef = {
  prefix: 'rep:new',
  requires: 'complex',
  run: (ctx) => (canAskForm(ctx) ? Promise.resolve(askReportForm()) : startReport(ctx, { text: null, photo: null })),
};
