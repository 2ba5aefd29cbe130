import type { Db } from '../db/client.js';
import { complexes } from '../db/schema/index.js';
import { eq } from 'drizzle-orm';
import { msg, type Msg } from '../i18n/index.js';
import { enqueueToPerson } from '../outbox/queue.js';
import type { Button } from '../platform.js';
import { act, noteMsg } from './format.js';
import { coordinatorsOf } from './store.js';

/** DMs every coordinator of the complex through the outbox (one row per coordinator, keyed so it is sent once). */
export async function tellCoordinators(tx: Db, complexId: number, key: string, body: Msg[], opts: { now: Date; platforms: string[]; buttons?: Button[][] }): Promise<void> {
  const [complex] = await tx.select({ language: complexes.language }).from(complexes).where(eq(complexes.id, complexId));
  for (const personId of await coordinatorsOf(tx, complexId)) {
    await enqueueToPerson(tx, { personId, platforms: opts.platforms, key: `${key}:${personId}`, body, complexLang: complex?.language ?? null,
      ...(opts.buttons ? { buttons: opts.buttons } : {}) }, opts.now);
  }
}

export interface BrokenItem {
  complexId: number; itemId: number; itemName: string; loanId: number;
  reporterPersonId: number; reporterName: string; note: string | null; now: Date; platforms: string[];
}

/**
 * The hand-off for an item returned broken (it is already marked "under repair"). Until the reports
 * capability is merged this tells the coordinators by DM, with a Repaired button; at the merge it
 * opens a report (category maintenance) instead. This is the only place that decides that.
 */
export async function reportBrokenItem(tx: Db, broken: BrokenItem): Promise<void> {
  await tellCoordinators(tx, broken.complexId, `loan-broken:${broken.loanId}`,
    [msg('loans.broken.coordinator', { name: broken.reporterName, item: broken.itemName, note: noteMsg(broken.note) })],
    { now: broken.now, platforms: broken.platforms, buttons: [[{ label: msg('loans.button.repaired'), action: act.repaired(broken.itemId), style: 'primary' }]] });
}
