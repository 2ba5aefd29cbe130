import type { Db } from '../db/client.js';
import type { Beheerplan } from './schema.js';

export type SectionName = Exclude<keyof Beheerplan, 'version' | 'complex'>;

export interface SectionContext { complexId: number; now: Date; actorPersonId: number | null }

/**
 * A capability that owns a section of the beheerplan registers how to apply it (inside the import's
 * single transaction: throw to roll the whole import back) and how to read it back for export.
 * Sections nobody owns yet are kept verbatim from the last imported plan.
 */
export interface SectionOwner<K extends SectionName = SectionName> {
  section: K;
  apply(tx: Db, value: Beheerplan[K], ctx: SectionContext): Promise<void>;
  read(db: Db, complexId: number): Promise<Beheerplan[K]>;
}

const owners = new Map<SectionName, SectionOwner>();

export function registerSection<K extends SectionName>(owner: SectionOwner<K>): void {
  owners.set(owner.section, owner);
}

export function sectionOwner(section: SectionName): SectionOwner | undefined {
  return owners.get(section);
}
