import { and, desc, eq, inArray, isNotNull, lt, lte } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { complexes, reports, veraEndpoints, veraHandoffs } from '../db/schema/index.js';
import { UserError } from '../handler.js';
import type { Logger } from '../log.js';
import type { EffectRow, JobKind, RunContext } from '../scheduler/engine.js';
import { enqueueNotices } from './notices.js';
import { getReport } from './queries.js';
import { act } from './service.js';
import { actionForStatus, isFinalStatus, isVeraStatus, veraDocument } from './vera.js';
import { VeraError, veraClient, type VeraClient } from './vera-client.js';

/**
 * The scheduler job that hands escalated reports to the corporation's system and follows them:
 * each due `vera_handoffs` row is one effect per step (claimed with SKIP LOCKED), so two instances
 * never post the same verzoek twice. Before a POST it looks the verzoek up by our idExtern, so a
 * POST whose answer was lost (timeout, 5xx after the write, a crash) is not repeated. OHD.yaml
 * defines no callback, so the status is polled (GET /onderhoudsverzoeken/{id}); a change becomes
 * the liaison's action on the report through the decider — audited, and told as any other change.
 */

export const POLL_MS = 15 * 60_000;
export const MAX_ATTEMPTS = 12;

/** 1, 2, 4, … minutes, at most 6 hours: twelve attempts span about a day and a half. */
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

type Handoff = typeof veraHandoffs.$inferSelect;

async function deliver(tx: Db, h: Handoff, endpoint: typeof veraEndpoints.$inferSelect, client: VeraClient, now: Date, log: Logger): Promise<void> {
  const report = await getReport(tx, h.reportId);
  const [complex] = await tx.select().from(complexes).where(eq(complexes.id, report!.complexId));
  // A reopened report's new verzoek names the earlier one (onderhoudsverzoeken: related requests).
  const [earlier] = await tx.select({ verzoekId: veraHandoffs.verzoekId }).from(veraHandoffs)
    .where(and(eq(veraHandoffs.reportId, h.reportId), lt(veraHandoffs.id, h.id), isNotNull(veraHandoffs.verzoekId))).orderBy(desc(veraHandoffs.id)).limit(1);
  const doc = { ...veraDocument(report!, complex!, h.idExtern), ...(earlier ? { onderhoudsverzoeken: [{ id: earlier.verzoekId! }] } : {}) };
  const id = await client.find(endpoint, h.idExtern, now) ?? await client.create(endpoint, doc, now);
  await tx.update(veraHandoffs).set({ state: 'sent', verzoekId: id, sentAt: now, attempts: 0, lastError: null, step: h.step + 1, nextAt: new Date(now.getTime() + POLL_MS) })
    .where(eq(veraHandoffs.id, h.id));
  log.info({ handoffId: h.id, reportId: h.reportId, corporationId: h.corporationId }, 'vera: onderhoudsverzoek delivered');
}

async function follow(tx: Db, h: Handoff, endpoint: typeof veraEndpoints.$inferSelect, client: VeraClient, effect: EffectRow, ctx: RunContext): Promise<void> {
  const code = await client.status(endpoint, h.verzoekId!, ctx.now);
  const report = await getReport(tx, h.reportId);
  if (isVeraStatus(code) && code !== h.lastStatus && report) {
    const action = actionForStatus(code);
    const outcome = action === null ? null
      : await act(tx, report.id, action, { personId: null, role: 'liaison' }, null, ctx.now).catch((err: unknown) => {
        if (err instanceof UserError) return null; // not applicable in the report's state now (e.g. already resolved in chat)
        throw err;
      });
    if (outcome) {
      const [complex] = await tx.select().from(complexes).where(eq(complexes.id, report.complexId));
      await enqueueNotices(tx, outcome.notices, effect.key, [...ctx.platforms.keys()], ctx.now, complex?.language);
    }
    ctx.log.info({ handoffId: h.id, reportId: h.reportId, status: code, action: outcome ? action : null }, 'vera: status changed');
  }
  // Followed until the verzoek is final, or the report is closed on our side.
  const done = (isVeraStatus(code) && isFinalStatus(code)) || !report || report.state === 'closed';
  await tx.update(veraHandoffs).set({
    lastStatus: isVeraStatus(code) ? code : h.lastStatus, attempts: 0, lastError: null, step: h.step + 1,
    state: done ? 'done' : 'sent', nextAt: new Date(ctx.now.getTime() + POLL_MS),
  }).where(eq(veraHandoffs.id, h.id));
}

/** After a corporation's system failed, its other hand-offs wait this long without calling it (a slow outage must not hold up the scheduler). */
export const PAUSE_MS = 60_000;

export function veraJob(client: VeraClient = veraClient()): JobKind {
  // Per process: until when each corporation's system is left alone after a failure.
  const pausedUntil = new Map<number, number>();
  return {
    kind: 'report:vera',
    missedRule: 'always run, late or not: a hand-off or status check is never skipped',
    missed: () => 'run',
    // It calls the corporation's system: alone in its transaction, never in a batch whose rollback would
    // repeat the call or whose locks would wait on it.
    callsPlatform: () => true,
    async due(db, { to }) {
      const rows = await db.select({ id: veraHandoffs.id, step: veraHandoffs.step, nextAt: veraHandoffs.nextAt, complexId: reports.complexId })
        .from(veraHandoffs).innerJoin(reports, eq(reports.id, veraHandoffs.reportId))
        .where(and(inArray(veraHandoffs.state, ['pending', 'sent']), lte(veraHandoffs.nextAt, to))).orderBy(veraHandoffs.id);
      return rows.map((r) => ({ key: `report:vera:${r.id}:${r.step}`, dueAt: r.nextAt, complexId: r.complexId, payload: { handoffId: r.id, step: r.step } }));
    },
    async run(tx, effect, ctx) {
      const [h] = await tx.select().from(veraHandoffs).where(and(
        eq(veraHandoffs.id, Number(effect.payload.handoffId)), eq(veraHandoffs.step, Number(effect.payload.step)),
        inArray(veraHandoffs.state, ['pending', 'sent']),
      )).for('update', { skipLocked: true });
      if (!h) return 'obsolete';
      const [endpoint] = await tx.select().from(veraEndpoints).where(eq(veraEndpoints.corporationId, h.corporationId));
      if (!endpoint) {
        await tx.update(veraHandoffs).set({ state: 'failed', lastError: 'no VERA endpoint configured', step: h.step + 1 }).where(eq(veraHandoffs.id, h.id));
        return;
      }
      const pause = pausedUntil.get(h.corporationId) ?? 0;
      if (pause > ctx.now.getTime()) {
        // Postponed, not failed: it did not get a chance to try.
        await tx.update(veraHandoffs).set({ step: h.step + 1, nextAt: new Date(pause) }).where(eq(veraHandoffs.id, h.id));
        return;
      }
      try {
        if (h.state === 'pending') await deliver(tx, h, endpoint, client, ctx.now, ctx.log);
        else await follow(tx, h, endpoint, client, effect, ctx);
      } catch (err) {
        if (!(err instanceof VeraError)) throw err;
        if (!err.permanent) pausedUntil.set(h.corporationId, ctx.now.getTime() + PAUSE_MS);
        const attempts = h.attempts + 1;
        const failed = err.permanent || attempts >= MAX_ATTEMPTS;
        await tx.update(veraHandoffs).set({
          attempts, lastError: err.message, step: h.step + 1, nextAt: new Date(ctx.now.getTime() + backoffMs(attempts)), ...(failed ? { state: 'failed' } : {}),
        }).where(eq(veraHandoffs.id, h.id));
        ctx.log.warn({ handoffId: h.id, reportId: h.reportId, corporationId: h.corporationId, attempts, error: err.message, failed }, 'vera: hand-off attempt failed');
      }
    },
  };
}
