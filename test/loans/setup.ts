import { saveItem, type ItemInput } from '../../src/loans/store.js';
import type { Harness } from '../support/harness.js';

export function item(name: string, extra: Partial<ItemInput> = {}): ItemInput {
  return { name, kind: 'tool', aliases: [], location: null, loanHours: 24, needsApproval: false, ...extra };
}

/** The items of the scenario complex: a shed key, a mower, a ladder, a drill that needs approval. */
export async function addItems(h: Harness, complexId: number, items: ItemInput[] = [
  item('Schuursleutel', { kind: 'key', aliases: ['sleutel schuur', 'shed key'], location: 'sleutelkastje bij de voordeur', loanHours: 4 }),
  item('Grasmaaier', { aliases: ['maaier', 'mower'], location: 'schuur' }),
  item('Ladder', { location: 'berging' }),
  item('Boormachine', { aliases: ['boor', 'drill'], needsApproval: true }),
  item('Bladblazer', { aliases: ['leaf blower'] }),
]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const i of items) ids.set(i.name, (await saveItem(h.database.db, complexId, i)).item.id);
  return ids;
}
