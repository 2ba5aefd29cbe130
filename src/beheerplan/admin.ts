import { readFile, stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { AdminError, type AdminIO } from '../admin/commands.js';
import { planSections, type AdminDef } from '../capability.js';
import { complexes } from '../db/schema/index.js';
import { UserError } from '../handler.js';
import { render, t } from '../i18n/index.js';
import { beheerplanJsonSchema, formatPlan } from './export.js';
import { countLines, importPlan } from './import.js';
import { PLAN_LIMITS } from './limits.js';
import { currentPlan } from './store.js';
import { validatePlanText } from './validate.js';

/** npm run admin -- beheerplan import|export|schema: the operator's way in and out. */

function complexId(value: string | undefined): number {
  if (value === undefined) throw new AdminError('admin.error.missing', { what: '<complex-id>' });
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new AdminError('admin.error.invalid', { what: '<complex-id>', value });
  return id;
}

async function requireComplex(io: AdminIO, id: number): Promise<void> {
  const [row] = await io.db.select({ id: complexes.id }).from(complexes).where(eq(complexes.id, id));
  if (!row) throw new AdminError('admin.error.notFound', { what: 'complex', id });
}

async function importFile(io: AdminIO, id: number, file: string | undefined): Promise<void> {
  if (!file) throw new AdminError('admin.error.missing', { what: '<file>' });
  await requireComplex(io, id);
  let text: string;
  try {
    // Not read at all when it is larger than any beheerplan may be (the same limits as in chat).
    if (!io.readFile && (await stat(file)).size > PLAN_LIMITS.maxBytes) {
      throw new AdminError('beheerplan.cli.invalid', { file, problems: t(io.lang, 'beheerplan.limit.tooLarge', { kb: PLAN_LIMITS.maxBytes / 1024 }) });
    }
    text = await (io.readFile ?? ((p: string) => readFile(p, 'utf8')))(file);
  } catch (err) {
    if (err instanceof AdminError) throw err;
    throw new AdminError('beheerplan.cli.unreadable', { file, reason: err instanceof Error ? err.message : String(err) });
  }
  const sections = planSections(io.capabilities);
  const valid = validatePlanText(sections, text, file);
  if (!valid.ok) {
    throw new AdminError('beheerplan.cli.invalid', { file, problems: valid.problems.map((p) => render(io.lang, p)).join('\n') });
  }
  try {
    const result = await importPlan(io.db, id, valid, { now: io.now, actorPersonId: null, sections });
    io.out(t(io.lang, 'beheerplan.imported', { complex: result.complexName }));
    for (const line of countLines(result)) io.out(render(io.lang, line));
  } catch (err) {
    // A capability refused part of the plan; nothing was imported.
    if (err instanceof UserError) throw new AdminError(err.reply.key, err.reply.params ?? {});
    throw err;
  }
}

export async function beheerplanAdmin(io: AdminIO, argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { format: { type: 'string' } } });
  const [verb, ...rest] = positionals;
  switch (verb) {
    case 'import':
      return importFile(io, complexId(rest[0]), rest[1]);
    case 'export': {
      const format = values.format ?? 'yaml';
      if (format !== 'yaml' && format !== 'json') throw new AdminError('admin.error.invalid', { what: '--format', value: format });
      const id = complexId(rest[0]);
      const plan = await currentPlan(io.db, id, planSections(io.capabilities));
      if (!plan) throw new AdminError('admin.error.notFound', { what: 'complex', id });
      io.out(formatPlan(plan, format).trimEnd());
      return;
    }
    case 'schema':
      io.out(beheerplanJsonSchema());
      return;
    default:
      io.out(t(io.lang, 'beheerplan.cli.usage'));
      if (verb) throw new AdminError('admin.error.invalid', { what: 'beheerplan', value: verb });
  }
}

export const beheerplanAdminDef: AdminDef = { name: 'beheerplan', run: beheerplanAdmin };
