import { and, inArray, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { identityLinkCodes, outbox, pendingActions, processedUpdates, scheduledEffects } from '../db/schema/index.js';
import type { JobKind } from './engine.js';
import { localDate, zonedTime } from './time.js';

/**
 * Data retention: capabilities register a clean-up (closed reports, loan history, …) with their own
 * configurable period; the scheduler runs every hook once a day at 04:00 Amsterdam time.
 */
export type RetentionHook = (db: Db, now: Date) => Promise<number>;
const hooks = new Map<string, RetentionHook>();

export function registerRetention(name: string, hook: RetentionHook): void {
  hooks.set(name, hook);
}

export interface RetentionSettings {
  processedUpdatesDays: number;
  sentOutboxDays: number;
  finishedEffectsDays: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { processedUpdatesDays: 7, sentOutboxDays: 30, finishedEffectsDays: 180 };

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/** The scheduler's own bookkeeping, kept only as long as it is useful. */
export function registerCoreRetention(settings: RetentionSettings = DEFAULT_RETENTION): void {
  registerRetention('processed_updates', async (db, now) =>
    (await db.delete(processedUpdates).where(lt(processedUpdates.processedAt, daysAgo(now, settings.processedUpdatesDays)))
      .returning({ id: processedUpdates.updateId })).length);
  registerRetention('outbox_sent', async (db, now) =>
    (await db.delete(outbox).where(and(inArray(outbox.state, ['sent']), lt(outbox.createdAt, daysAgo(now, settings.sentOutboxDays))))
      .returning({ id: outbox.id })).length);
  registerRetention('scheduled_effects', async (db, now) =>
    (await db.delete(scheduledEffects).where(and(inArray(scheduledEffects.state, ['done', 'skipped']),
      lt(scheduledEffects.dueAt, daysAgo(now, settings.finishedEffectsDays)))).returning({ id: scheduledEffects.id })).length);
  // Button state and link codes are useless once expired; a day's grace keeps "this button expired" answers precise.
  registerRetention('pending_actions', async (db, now) =>
    (await db.delete(pendingActions).where(lt(pendingActions.expiresAt, daysAgo(now, 1))).returning({ id: pendingActions.id })).length);
  registerRetention('identity_link_codes', async (db, now) =>
    (await db.delete(identityLinkCodes).where(lt(identityLinkCodes.expiresAt, now)).returning({ code: identityLinkCodes.code })).length);
}

const TZ = 'Europe/Amsterdam';

/** Once a day; after downtime the clean-up of the missed day runs late (it is idempotent). */
export const retentionJob: JobKind = {
  kind: 'retention',
  missedRule: 'always runs late (idempotent clean-up)',
  missed: () => 'run',
  async due(_db, { from, to }) {
    const effects = [];
    for (let d = new Date(from.getTime()); d.getTime() <= to.getTime() + 86_400_000; d = new Date(d.getTime() + 86_400_000)) {
      const date = localDate(d, TZ);
      const at = zonedTime(date, '04:00', TZ);
      if (at > from && at <= to) effects.push({ key: `retention:${date}`, dueAt: at });
    }
    return effects;
  },
  async run(tx, _effect, { now, log }) {
    for (const [name, hook] of hooks) {
      const removed = await hook(tx, now);
      if (removed > 0) log.info({ name, removed }, 'retention clean-up');
    }
  },
};
