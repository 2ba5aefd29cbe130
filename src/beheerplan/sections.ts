import type { Db } from '../db/client.js';
import type { Msg } from '../i18n/index.js';
import type { Beheerplan, SECTION_NAMES } from './schema.js';

export type SectionName = (typeof SECTION_NAMES)[number];

export interface SectionContext { complexId: number; now: Date; actorPersonId: number | null }

/**
 * A capability that owns a section of the beheerplan declares (in its capability record) how to apply it (inside the import's
 * single transaction: throw to roll the whole import back) and how to read it back for export.
 * Sections nobody owns yet are kept verbatim from the last imported plan.
 */
export interface SectionOwner<K extends SectionName = SectionName> {
  section: K;
  apply(tx: Db, value: Beheerplan[K], ctx: SectionContext): Promise<void>;
  /** What importing a file without an existing entry does to it (default: removed). */
  absent?: 'removed' | 'paused';
  read(db: Db, complexId: number): Promise<Beheerplan[K]>;
  /**
   * Optional pure check of the section's meaning (e.g. a recurrence that cannot be parsed), run with
   * the other validation so the problem is reported with its line and path before anything is
   * imported. Paths are relative to the section: `[2, 'recurrence']` is tasks → taak 3 → recurrence.
   */
  validate?(value: Beheerplan[K]): { path: (string | number)[]; what: Msg }[];
}
