import { and, eq, isNull, sql } from 'drizzle-orm';
import { inTransaction, type Db } from '../db/client.js';
import { rotaClaims, rotaOccurrences } from '../db/schema/index.js';

/**
 * Claims are settled by the database: the occurrence row is locked (`FOR UPDATE`) while a free slot
 * is chosen, and partial unique indexes (one active claim per slot, one per person per occurrence)
 * refuse anything that slips past. Each function runs in its own transaction.
 */

export type ClaimRefusal = 'full' | 'already' | 'closed' | 'past' | 'gone';
export type ClaimResult = { ok: true; claimId: number; slot: number } | { ok: false; reason: ClaimRefusal };

interface LockedOccurrence { id: number; complexId: number; status: string; dueAt: Date; people: number }

async function lockOccurrence(tx: Db, occurrenceId: number): Promise<LockedOccurrence | null> {
  const [row] = await tx.select({ id: rotaOccurrences.id, complexId: rotaOccurrences.complexId, status: rotaOccurrences.status,
    dueAt: rotaOccurrences.dueAt, people: rotaOccurrences.people })
    .from(rotaOccurrences).where(eq(rotaOccurrences.id, occurrenceId)).for('update');
  return row ?? null;
}

/** The occurrence's slots and its active claims, in one statement. */
interface SlotsAndClaims { slots: number[]; active: { slot: number; personId: number }[] }

async function slotsAndClaims(tx: Db, occurrenceId: number): Promise<SlotsAndClaims> {
  const result = await tx.execute<{ kind: string; slot: number; person_id: number | null }>(sql`
    select 'slot' as kind, slot, null::int as person_id from rota_slots where occurrence_id = ${occurrenceId}
    union all
    select 'claim', slot, person_id from rota_claims where occurrence_id = ${occurrenceId} and released_at is null`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { kind: string; slot: number; person_id: number | null }[];
  return {
    slots: rows.filter((r) => r.kind === 'slot').map((r) => Number(r.slot)).sort((a, b) => a - b),
    active: rows.filter((r) => r.kind === 'claim').map((r) => ({ slot: Number(r.slot), personId: Number(r.person_id) })),
  };
}

/** Picks a free slot under the lock and inserts the claim; the partial unique indexes refuse anything else. */
async function claimLocked(tx: Db, occ: LockedOccurrence, slotsNow: SlotsAndClaims, personId: number, now: Date, opts: { assignedBy?: number | null; auto?: boolean }): Promise<ClaimResult> {
  if (occ.status !== 'open') return { ok: false, reason: 'closed' };
  if (occ.dueAt <= now) return { ok: false, reason: 'past' };
  const { slots, active } = slotsNow;
  if (active.some((c) => c.personId === personId)) return { ok: false, reason: 'already' };
  const free = slots.find((slot) => !active.some((c) => c.slot === slot));
  if (free === undefined) return { ok: false, reason: 'full' };
  // Only reachable past the lock if it were bypassed: the indexes still hold, and nothing aborts the caller.
  const [row] = await tx.insert(rotaClaims).values({
    occurrenceId: occ.id, slot: free, personId, claimedAt: now, assignedBy: opts.assignedBy ?? null, auto: opts.auto ?? false,
  }).onConflictDoNothing().returning({ id: rotaClaims.id });
  return row ? { ok: true, claimId: row.id, slot: free } : { ok: false, reason: 'full' };
}

/**
 * Claims a turn for a person. In the caller's transaction when there is one; `complexId` refuses an
 * occurrence of another complex as gone.
 */
export async function claimOccurrence(db: Db, occurrenceId: number, personId: number, now: Date,
  opts: { assignedBy?: number | null; auto?: boolean; complexId?: number } = {}): Promise<ClaimResult> {
  return inTransaction(db, async (tx) => {
    // Sent together: the slots are read after the lock is taken (statements run in order), in one round trip.
    const [occ, slotsNow] = await Promise.all([lockOccurrence(tx, occurrenceId), slotsAndClaims(tx, occurrenceId)]);
    if (!occ || (opts.complexId !== undefined && occ.complexId !== opts.complexId)) return { ok: false, reason: 'gone' } as const;
    return claimLocked(tx, occ, slotsNow, personId, now, opts);
  });
}

export type ReleaseResult = { ok: true; occurrenceId: number } | { ok: false; reason: 'not_held' | 'past' | 'done' };

/** Releases an active claim held by `personId`. */
export async function releaseClaim(db: Db, claimId: number, personId: number, now: Date): Promise<ReleaseResult> {
  return db.transaction(async (tx) => {
    const [claim] = await tx.select().from(rotaClaims).where(eq(rotaClaims.id, claimId));
    if (!claim || claim.releasedAt || claim.personId !== personId) return { ok: false, reason: 'not_held' } as const;
    const occ = await lockOccurrence(tx, claim.occurrenceId);
    if (!occ) return { ok: false, reason: 'not_held' } as const;
    if (claim.doneAt || occ.status !== 'open') return { ok: false, reason: 'done' } as const;
    if (occ.dueAt <= now) return { ok: false, reason: 'past' } as const;
    const rows = await tx.update(rotaClaims).set({ releasedAt: now })
      .where(and(eq(rotaClaims.id, claimId), isNull(rotaClaims.releasedAt))).returning({ id: rotaClaims.id });
    if (rows.length === 0) return { ok: false, reason: 'not_held' } as const;
    return { ok: true, occurrenceId: claim.occurrenceId } as const;
  });
}

export type TransferResult = { ok: true; claimId: number; occurrenceId: number } | { ok: false; reason: 'not_held' | 'already' | 'past' | 'done' };

/** Moves an active claim (same slot) from its holder to another person: give-away, hand-over, swap. */
export async function transferClaim(tx: Db, claimId: number, toPersonId: number, now: Date): Promise<TransferResult> {
  const [claim] = await tx.select().from(rotaClaims).where(eq(rotaClaims.id, claimId));
  if (!claim || claim.releasedAt) return { ok: false, reason: 'not_held' };
  const occ = await lockOccurrence(tx, claim.occurrenceId);
  if (!occ) return { ok: false, reason: 'not_held' };
  if (claim.doneAt || occ.status !== 'open') return { ok: false, reason: 'done' };
  if (occ.dueAt <= now) return { ok: false, reason: 'past' };
  const [holds] = await tx.select({ id: rotaClaims.id }).from(rotaClaims)
    .where(and(eq(rotaClaims.occurrenceId, occ.id), eq(rotaClaims.personId, toPersonId), isNull(rotaClaims.releasedAt)));
  if (holds) return { ok: false, reason: 'already' };
  const released = await tx.update(rotaClaims).set({ releasedAt: now })
    .where(and(eq(rotaClaims.id, claimId), isNull(rotaClaims.releasedAt))).returning({ id: rotaClaims.id });
  if (released.length === 0) return { ok: false, reason: 'not_held' };
  const [row] = await tx.insert(rotaClaims).values({
    occurrenceId: occ.id, slot: claim.slot, personId: toPersonId, claimedAt: now,
  }).returning({ id: rotaClaims.id });
  return { ok: true, claimId: row!.id, occurrenceId: occ.id };
}

/** Marks an occurrence done, crediting every active claimant; `minutes`/`note` go on the given claim. */
export async function markDone(db: Db, occurrenceId: number, now: Date, detail: { claimId?: number; minutes?: number | null; note?: string | null }): Promise<boolean> {
  return db.transaction(async (tx) => {
    const occ = await lockOccurrence(tx, occurrenceId);
    if (!occ || occ.status === 'missed') return false;
    await tx.update(rotaOccurrences).set({ status: 'done', doneAt: sql`coalesce(${rotaOccurrences.doneAt}, ${now.toISOString()}::timestamptz)` }).where(eq(rotaOccurrences.id, occurrenceId));
    await tx.update(rotaClaims).set({ doneAt: sql`coalesce(${rotaClaims.doneAt}, ${now.toISOString()}::timestamptz)` })
      .where(and(eq(rotaClaims.occurrenceId, occurrenceId), isNull(rotaClaims.releasedAt)));
    if (detail.claimId && (detail.minutes != null || detail.note)) {
      await tx.update(rotaClaims).set({
        ...(detail.minutes != null ? { minutes: detail.minutes } : {}), ...(detail.note ? { note: detail.note } : {}),
      }).where(eq(rotaClaims.id, detail.claimId));
    }
    return true;
  });
}

export async function markMissed(db: Db, occurrenceId: number, byPersonId: number): Promise<boolean> {
  const rows = await db.update(rotaOccurrences).set({ status: 'missed', missedBy: byPersonId })
    .where(and(eq(rotaOccurrences.id, occurrenceId), eq(rotaOccurrences.status, 'open'))).returning({ id: rotaOccurrences.id });
  return rows.length > 0;
}
