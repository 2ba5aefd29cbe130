import { desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { beheerplanVersions, complexes } from '../db/schema/index.js';
import type { PlanSections } from '../capability.js';
import { beheerplanSchema, SECTION_NAMES, type Beheerplan } from './schema.js';
import { normalise } from './validate.js';

/** The last imported plan of a complex, as stored (normalised), or null. */
export async function latestStoredPlan(db: Db, complexId: number): Promise<Beheerplan | null> {
  const [row] = await db.select({ document: beheerplanVersions.document }).from(beheerplanVersions)
    .where(eq(beheerplanVersions.complexId, complexId)).orderBy(desc(beheerplanVersions.id)).limit(1);
  if (!row) return null;
  // Stored documents were valid when stored; a schema change since then should not break export.
  const parsed = beheerplanSchema.safeParse(row.document);
  return parsed.success ? parsed.data : null;
}

/**
 * The complex's plan as it is now: the complex's own settings, each owned section read back from
 * its capability, and sections nobody owns yet from the last imported plan.
 */
export async function currentPlan(db: Db, complexId: number, sections: PlanSections): Promise<Beheerplan | null> {
  const [complex] = await db.select().from(complexes).where(eq(complexes.id, complexId));
  if (!complex) return null;
  const stored = await latestStoredPlan(db, complexId);
  const doc: Record<string, unknown> = {
    version: 1,
    complex: { name: complex.name, timezone: complex.timezone, language: complex.language },
  };
  for (const section of SECTION_NAMES) {
    const owner = sections.get(section);
    doc[section] = owner ? await owner.read(db, complexId) : stored?.[section];
  }
  return normalise(beheerplanSchema.parse(doc));
}
