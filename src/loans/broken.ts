import type { Db } from '../db/client.js';
import { complexes } from '../db/schema/index.js';
import { eq } from 'drizzle-orm';
import { DEFAULT_LANG, isLang, msg, t, type Msg } from '../i18n/index.js';
import { enqueueNotices } from '../reports/notices.js';
import { openReport } from '../reports/service.js';
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
 * The hand-off for an item returned broken (it is already marked "under repair"): a maintenance report
 * in the reports capability (private: coordinators triage it and may escalate it to the corporation),
 * and a DM to the coordinators with a Repaired button that puts the item back in use.
 */
export async function reportBrokenItem(tx: Db, broken: BrokenItem): Promise<void> {
  const [complex] = await tx.select({ language: complexes.language }).from(complexes).where(eq(complexes.id, broken.complexId));
  const lang = isLang(complex?.language) ? complex.language : DEFAULT_LANG;
  const text = t(lang, 'loans.broken.reportText', { item: broken.itemName, note: noteMsg(broken.note) });
  const { report, notices } = await openReport(tx, {
    complexId: broken.complexId, reporterPersonId: broken.reporterPersonId, text, category: 'maintenance',
    location: null, visibility: 'private', source: 'loan', now: broken.now,
  });
  await enqueueNotices(tx, notices, `loan-broken-report:${broken.loanId}`, broken.platforms, broken.now, complex?.language);
  await tellCoordinators(tx, broken.complexId, `loan-broken:${broken.loanId}`,
    [msg('loans.broken.coordinator', { name: broken.reporterName, item: broken.itemName, note: noteMsg(broken.note), report: report.number })],
    { now: broken.now, platforms: broken.platforms, buttons: [[{ label: msg('loans.button.repaired'), action: act.repaired(broken.itemId), style: 'primary' }]] });
}
