import { and, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { complexMembers, people, rotaAbsences, rotaPreferences } from '../db/schema/index.js';
import { audit, getComplex } from '../tenancy/queries.js';
import { claimOccurrence } from './claims.js';
import { ROTA_DEFAULTS } from './constants.js';
import { getOccurrence, type OccurrenceView } from './queries.js';
import { shares } from './fairshare.js';
import { localDate } from '../time/zone.js';

export interface AutoAssigned { occurrence: OccurrenceView; timezone: string; assigned: { personId: number; claimId: number; name: string }[] }

/**
 * Fills the free slots of one occurrence with the members who opted in, are not away that day and
 * have the lowest share (points, then minutes, then the lowest person id: deterministic). Claims go
 * through the same locked path as a button press, so a resident claiming at the same moment wins or
 * loses cleanly.
 */
export async function autoAssignOne(db: Db, occurrenceId: number, now: Date, opts: { fairShareDays?: number } = {}): Promise<AutoAssigned | null> {
  const occ = await getOccurrence(db, occurrenceId);
  if (!occ || occ.status !== 'open' || occ.dueAt <= now) return null;
  const timezone = (await getComplex(db, occ.complexId))?.timezone ?? 'Europe/Amsterdam';
  const day = localDate(occ.dueAt, timezone);
  const optedIn = await db.select({ personId: rotaPreferences.personId, name: people.displayName }).from(rotaPreferences)
    .innerJoin(complexMembers, and(eq(complexMembers.complexId, rotaPreferences.complexId), eq(complexMembers.personId, rotaPreferences.personId)))
    .innerJoin(people, eq(people.id, rotaPreferences.personId))
    .where(and(eq(rotaPreferences.complexId, occ.complexId), eq(rotaPreferences.autoAssign, true)));
  const away = new Set((await db.select({ personId: rotaAbsences.personId }).from(rotaAbsences)
    .where(and(eq(rotaAbsences.complexId, occ.complexId), lte(rotaAbsences.fromDate, day), gte(rotaAbsences.toDate, day)))).map((r) => r.personId));
  const share = new Map((await shares(db, occ.complexId, now, opts.fairShareDays ?? ROTA_DEFAULTS.fairShareDays)).map((s) => [s.personId, s]));
  const holding = new Set(occ.claims.map((c) => c.personId));
  const ranked = optedIn.filter((p) => !away.has(p.personId) && !holding.has(p.personId)).sort((a, b) => {
    const sa = share.get(a.personId);
    const sb = share.get(b.personId);
    return (sa?.points ?? 0) - (sb?.points ?? 0) || (sa?.minutes ?? 0) - (sb?.minutes ?? 0) || a.personId - b.personId;
  });
  const assigned: AutoAssigned['assigned'] = [];
  for (const p of ranked) {
    if (assigned.length >= occ.people - occ.claims.length) break;
    const result = await claimOccurrence(db, occurrenceId, p.personId, now, { auto: true });
    if (result.ok) assigned.push({ personId: p.personId, claimId: result.claimId, name: p.name });
    else if (result.reason === 'full' || result.reason === 'closed' || result.reason === 'past') break;
  }
  for (const a of assigned) {
    await audit(db, { complexId: occ.complexId, action: 'rota.autoAssigned', at: now, data: { occurrenceId, personId: a.personId, claimId: a.claimId } });
  }
  return { occurrence: occ, timezone, assigned };
}
