import { and, inArray, lt } from 'drizzle-orm';
import type { RetentionRule } from '../capability.js';
import { identityLinkCodes, outbox, pendingActions, processedUpdates, scheduledEffects } from '../db/schema/index.js';
import type { JobKind } from './engine.js';
import { localDate, zonedTime } from './time.js';

/**
 * Data retention: each capability declares clean-up rules (closed reports, loan history, …) in its
 * record; the scheduler runs every rule once a day at 04:00 Amsterdam time.
 */
export interface RetentionSettings {
  processedUpdatesDays: number;
  sentOutboxDays: number;
  finishedEffectsDays: number;
}

export const DEFAULT_RETENTION: RetentionSettings = { processedUpdatesDays: 7, sentOutboxDays: 30, finishedEffectsDays: 180 };

const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/** Update dedupe marks, button state and link codes: useless once old or expired. */
export function tenancyRetention(settings: RetentionSettings = DEFAULT_RETENTION): RetentionRule[] {
  return [
    { name: 'processed_updates', run: async (db, now) =>
      (await db.delete(processedUpdates).where(lt(processedUpdates.processedAt, daysAgo(now, settings.processedUpdatesDays)))
        .returning({ id: processedUpdates.updateId })).length },
    // A day's grace keeps "this button expired" answers precise.
    { name: 'pending_actions', run: async (db, now) =>
      (await db.delete(pendingActions).where(lt(pendingActions.expiresAt, daysAgo(now, 1))).returning({ id: pendingActions.id })).length },
    { name: 'identity_link_codes', run: async (db, now) =>
      (await db.delete(identityLinkCodes).where(lt(identityLinkCodes.expiresAt, now)).returning({ code: identityLinkCodes.code })).length },
  ];
}

export function outboxRetention(settings: RetentionSettings = DEFAULT_RETENTION): RetentionRule[] {
  return [{ name: 'outbox_sent', run: async (db, now) =>
    (await db.delete(outbox).where(and(inArray(outbox.state, ['sent']), lt(outbox.createdAt, daysAgo(now, settings.sentOutboxDays))))
      .returning({ id: outbox.id })).length }];
}

export function schedulerRetention(settings: RetentionSettings = DEFAULT_RETENTION): RetentionRule[] {
  return [{ name: 'scheduled_effects', run: async (db, now) =>
    (await db.delete(scheduledEffects).where(and(inArray(scheduledEffects.state, ['done', 'skipped']),
      lt(scheduledEffects.dueAt, daysAgo(now, settings.finishedEffectsDays)))).returning({ id: scheduledEffects.id })).length }];
}

const TZ = 'Europe/Amsterdam';

/** Once a day, running the given rules; after downtime the clean-up of the missed day runs late (it is idempotent). */
export function retentionJob(rules: readonly RetentionRule[]): JobKind {
  return {
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
      for (const rule of rules) {
        const removed = await rule.run(tx, now);
        if (removed > 0) log.info({ name: rule.name, removed }, 'retention clean-up');
      }
    },
  };
}
