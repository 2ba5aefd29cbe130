import { z } from 'zod';
import type { Ctx, ComplexRow, HandlerResult, ScopeCtx } from '../handler.js';
import { reply, UserError } from '../handler.js';
import { msg } from '../i18n/index.js';
import type { Attachment } from '../platform.js';
import { consumePending, createPending, getPending } from '../tenancy/pending.js';
import { complexesOf, getRole } from '../tenancy/queries.js';
import { describeChanges } from './changes.js';
import { formatPlan, planFileName } from './export.js';
import { countLines, importPlan } from './import.js';
import { PLAN_LIMITS } from './limits.js';
import { looksLikePlanFile } from './parse.js';
import { SECTION_NAMES } from './schema.js';
import { currentPlan } from './store.js';
import { validatePlanData, validatePlanText, type ValidPlan } from './validate.js';

/** Chat side of the beheerplan: upload → check → confirm with buttons → import; and /beheerplan for export. */

export const IMPORT_ACTION = 'beheerplan.import';
const MAX_BYTES = PLAN_LIMITS.maxBytes;

const payloadSchema = z.object({
  plan: z.unknown(),
  present: z.array(z.enum(SECTION_NAMES)),
  format: z.enum(['yaml', 'json']),
  fileName: z.string(),
});

export function planAttachment(ctx: Ctx): Attachment | undefined {
  const e = ctx.event;
  if (e.kind !== 'text' && e.kind !== 'command') return undefined;
  return e.attachments?.find((a) => a.kind === 'document' && looksLikePlanFile(a.fileName, a.mimeType));
}

/** The complexes the sender may import into: the group's complex, or in a DM every complex they coordinate. */
async function coordinatedComplexes(ctx: Ctx): Promise<ComplexRow[]> {
  if (!ctx.complex) throw new UserError(msg(ctx.event.chat.isDirect ? 'core.error.noComplexInDirect' : 'core.error.notLinked'));
  if (ctx.chat) {
    if (ctx.role !== 'coordinator') throw new UserError(msg('beheerplan.error.coordinatorOnly'));
    return [ctx.complex];
  }
  const mine: ComplexRow[] = [];
  for (const complex of await complexesOf(ctx.db, ctx.person.id)) {
    if ((await getRole(ctx.db, complex.id, ctx.person.id)) === 'coordinator') mine.push(complex);
  }
  if (mine.length === 0) throw new UserError(msg('beheerplan.error.coordinatorOnly'));
  return mine;
}

async function download(ctx: Ctx, file: Attachment): Promise<string | null> {
  // Refused before downloading when the platform tells the size.
  if (file.size !== undefined && file.size > MAX_BYTES) throw new UserError(msg('beheerplan.error.tooLarge', { kb: MAX_BYTES / 1024 }));
  let content: Buffer;
  try {
    if (!file.download) throw new Error('attachment cannot be downloaded');
    content = await file.download();
  } catch (err) {
    ctx.log.warn({ err, fileId: file.fileId }, 'could not download beheerplan');
    throw new UserError(msg('beheerplan.error.download'));
  }
  if (content.length > MAX_BYTES) throw new UserError(msg('beheerplan.error.tooLarge', { kb: MAX_BYTES / 1024 }));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return null;
  }
}

function pickComplex(candidates: ComplexRow[], valid: ValidPlan): ComplexRow {
  if (candidates.length === 1) return candidates[0]!;
  const named = valid.plan.complex.name?.trim().toLocaleLowerCase('nl');
  const match = candidates.find((c) => c.name.trim().toLocaleLowerCase('nl') === named);
  if (match) return match;
  throw new UserError(msg('beheerplan.error.whichComplex', { complexes: candidates.map((c) => c.name).join(', ') }));
}

/** A coordinator sent a plan file: answer its problems, or what would change with [Import] [Cancel]. */
export async function receivePlan(ctx: Ctx, file: Attachment): Promise<HandlerResult> {
  const candidates = await coordinatedComplexes(ctx);
  const fileName = file.fileName ?? 'beheerplan';
  const text = await download(ctx, file);
  const valid = text === null ? { ok: false as const, problems: [msg('beheerplan.syntax.binary')] } : validatePlanText(ctx.sections, text, fileName);
  if (!valid.ok) {
    return reply([msg('beheerplan.invalid.title', { file: fileName }), ...valid.problems, msg('beheerplan.invalid.footer')]);
  }
  const complex = pickComplex(candidates, valid);
  const current = await currentPlan(ctx.db, complex.id, ctx.sections);
  if (!current) throw new UserError(msg('beheerplan.error.noComplex'));
  const id = await createPending(ctx.db, {
    action: IMPORT_ACTION, complexId: complex.id, personId: ctx.person.id, now: ctx.now,
    payload: { plan: valid.plan, present: valid.present, format: valid.format, fileName },
  });
  return reply([
    msg('beheerplan.confirm.title', { file: fileName, complex: complex.name }),
    ...describeChanges(ctx.sections, complex, current, valid),
    msg('beheerplan.confirm.question'),
  ], {
    buttons: [[
      { label: msg('beheerplan.button.import'), action: `beheerplan:import:${id}`, style: 'primary' },
      { label: msg('beheerplan.button.cancel'), action: `beheerplan:cancel:${id}` },
    ]],
  });
}

/** The complex a confirmation button belongs to, so the router refuses presses from other complexes. */
export async function pendingScope(ctx: ScopeCtx, args: string[]): Promise<number | null> {
  const pending = args[0] ? await getPending(ctx.db, args[0], ctx.now) : null;
  return pending?.action === IMPORT_ACTION ? pending.complexId : null;
}

/** [Import]: consumes the pending action and imports in the same transaction, so a double press imports once. */
export async function confirmImport(ctx: Ctx, args: string[]): Promise<HandlerResult> {
  if (ctx.role !== 'coordinator') throw new UserError(msg('beheerplan.error.coordinatorOnly'));
  const id = args[0] ?? '';
  return ctx.db.transaction(async (tx) => {
    const pending = await getPending(tx, id, ctx.now);
    if (!pending?.complexId || !(await consumePending(tx, id))) throw new UserError(msg('beheerplan.alreadyHandled'));
    const payload = payloadSchema.parse(pending.payload);
    // Checked again: the schema may have changed since the file was sent.
    const valid = validatePlanData(ctx.sections, payload.plan, payload.format);
    if (!valid.ok) throw new UserError(msg('core.error.buttonExpired'));
    const result = await importPlan(tx, pending.complexId, { ...valid, present: payload.present }, {
      now: ctx.now, actorPersonId: ctx.person.id, sections: ctx.sections,
    });
    return reply([msg('beheerplan.imported', { complex: result.complexName }), ...countLines(result)], { editOriginal: true });
  });
}

export async function cancelImport(ctx: Ctx, args: string[]): Promise<HandlerResult> {
  if (ctx.role !== 'coordinator') throw new UserError(msg('beheerplan.error.coordinatorOnly'));
  if (!(await consumePending(ctx.db, args[0] ?? ''))) throw new UserError(msg('beheerplan.alreadyHandled'));
  return reply(msg('beheerplan.cancelled'), { editOriginal: true });
}

/** /beheerplan [yaml|json]: the current plan as a file. With a plan attached, it imports instead. */
export async function exportCommand(ctx: Ctx, args: string): Promise<HandlerResult> {
  const file = planAttachment(ctx);
  if (file) return receivePlan(ctx, file);
  const format = args.trim().toLowerCase() || 'yaml';
  if (format !== 'yaml' && format !== 'json') throw new UserError(msg('beheerplan.error.format', { value: args.trim() }));
  const complex = ctx.complex!;
  const plan = await currentPlan(ctx.db, complex.id, ctx.sections);
  if (!plan) throw new UserError(msg('beheerplan.error.noComplex'));
  return reply(msg('beheerplan.export.caption', { complex: complex.name }), {
    file: {
      name: planFileName(complex.name, format), content: Buffer.from(formatPlan(plan, format), 'utf8'),
      mimeType: format === 'json' ? 'application/json' : 'application/yaml',
    },
  });
}
