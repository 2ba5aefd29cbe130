import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { beheerplanVersions, complexes } from '../db/schema/index.js';
import { UserError } from '../handler.js';
import { msg, type Msg } from '../i18n/index.js';
import { audit } from '../tenancy/queries.js';
import type { PlanSections } from '../capability.js';
import type { SectionName } from './sections.js';
import { beheerplanSchema, type Beheerplan } from './schema.js';
import { latestStoredPlan } from './store.js';
import type { ValidPlan } from './validate.js';

export interface ImportResult {
  complexName: string;
  versionId: number;
  /** Per section in the file: number of entries, or null for a settings section. */
  counts: { section: SectionName; count: number | null }[];
}

/**
 * Imports a validated plan in ONE transaction: the complex's settings, every section present in
 * the file through its owner, the stored version and an audit entry. Any owner that throws rolls
 * all of it back, so a plan is never half imported. Sections absent from the file stay as they are.
 */
export async function importPlan(db: Db, complexId: number, valid: ValidPlan, opts: { now: Date; actorPersonId: number | null; sections: PlanSections }): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    // Serialises imports of one complex: the stored version must follow the order of applies.
    const [complex] = await tx.select().from(complexes).where(eq(complexes.id, complexId)).for('update');
    if (!complex) throw new UserError(msg('beheerplan.error.noComplex'));
    const { name, timezone, language } = valid.plan.complex;
    const settings = { name: name ?? complex.name, timezone: timezone ?? complex.timezone, language: language ?? complex.language };
    if (settings.name !== complex.name || settings.timezone !== complex.timezone || settings.language !== complex.language) {
      await tx.update(complexes).set(settings).where(eq(complexes.id, complexId));
    }

    const previous = await latestStoredPlan(tx, complexId);
    const ctx = { complexId, now: opts.now, actorPersonId: opts.actorPersonId };
    const document: Record<string, unknown> = { ...(previous ?? {}), version: 1, complex: settings };
    for (const section of valid.present) {
      const value = valid.plan[section];
      await opts.sections.get(section)?.apply(tx, value, ctx);
      document[section] = value;
    }
    const stored: Beheerplan = beheerplanSchema.parse(document);
    const [row] = await tx.insert(beheerplanVersions).values({
      complexId, document: stored, format: valid.format, importedAt: opts.now, importedBy: opts.actorPersonId,
    }).returning({ id: beheerplanVersions.id });
    const counts = valid.present.map((section) => {
      const value = valid.plan[section];
      return { section, count: Array.isArray(value) ? value.length : null };
    });
    await audit(tx, {
      complexId, actorPersonId: opts.actorPersonId, action: 'beheerplan.imported', at: opts.now,
      data: { versionId: row!.id, format: valid.format, sections: valid.present, settings },
    });
    return { complexName: settings.name, versionId: row!.id, counts };
  });
}

/** "• Taken: 5" lines for the reply after an import. */
export function countLines(result: ImportResult): Msg[] {
  return result.counts.map(({ section, count }) => count === null
    ? msg('beheerplan.count.settings', { section: msg(`beheerplan.section.${section}`) })
    : msg('beheerplan.count', { section: msg(`beheerplan.section.${section}`), n: count }));
}
