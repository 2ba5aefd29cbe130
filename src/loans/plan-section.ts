import { and, eq, isNull, notInArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { loanItems } from '../db/schema/index.js';
import type { PlanItem } from '../beheerplan/schema.js';
import type { SectionOwner } from '../beheerplan/sections.js';
import { listItems, saveItem } from './store.js';

/**
 * The beheerplan `items` section. Import upserts each item by name (case-insensitive); an item in the
 * database but absent from the file is archived (hidden, its loan history kept), and comes back when
 * it is in a file again. Stickers stay valid across imports. Export lists the active items, in file order.
 */
export async function applyItems(tx: Db, items: PlanItem[], ctx: { complexId: number }): Promise<void> {
  for (const [position, i] of items.entries()) {
    const { item } = await saveItem(tx, ctx.complexId, {
      name: i.name, kind: i.kind, aliases: i.aliases, location: i.location ?? null, loanHours: i.loan_hours, needsApproval: i.needs_approval,
    });
    await tx.update(loanItems).set({ position }).where(eq(loanItems.id, item.id));
  }
  const names = items.map((i) => i.name.toLowerCase());
  await tx.update(loanItems).set({ archivedAt: sql`now()` })
    .where(and(eq(loanItems.complexId, ctx.complexId), isNull(loanItems.archivedAt),
      names.length > 0 ? notInArray(sql`lower(${loanItems.name})`, names) : undefined));
}

export async function readItems(db: Db, complexId: number): Promise<PlanItem[]> {
  return (await listItems(db, complexId)).map((i) => ({
    name: i.name, aliases: i.aliases, kind: i.kind as PlanItem['kind'], ...(i.location ? { location: i.location } : {}),
    loan_hours: i.loanHours, needs_approval: i.needsApproval,
  }));
}

export const itemsSection: SectionOwner<'items'> = { section: 'items', apply: applyItems, read: readItems };
