import { randomInt } from 'node:crypto';
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { complexes, corporations, joinCodes } from '../db/schema/index.js';

// No 0/O, 1/I/L: codes are read aloud and typed from paper.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function generateCode(groups = 2, size = 4): string {
  const parts: string[] = [];
  for (let g = 0; g < groups; g++) {
    let part = '';
    for (let i = 0; i < size; i++) part += ALPHABET[randomInt(ALPHABET.length)];
    parts.push(part);
  }
  return parts.join('-');
}

/** Forgiving input: case, spaces and missing dash do not matter. */
export function normaliseCode(input: string): string {
  const bare = input.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return bare.length === 8 ? `${bare.slice(0, 4)}-${bare.slice(4)}` : bare;
}

export type JoinCodeRow = typeof joinCodes.$inferSelect;

export async function issueJoinCode(db: Db, opts: {
  purpose: 'complex' | 'liaison'; complexId?: number; corporationId?: number; uses?: number; days?: number; now: Date;
}): Promise<JoinCodeRow> {
  const expiresAt = new Date(opts.now.getTime() + (opts.days ?? 14) * 86_400_000);
  for (;;) {
    const [row] = await db.insert(joinCodes).values({
      code: generateCode(), purpose: opts.purpose, complexId: opts.complexId ?? null,
      corporationId: opts.corporationId ?? null, usesLeft: opts.uses ?? 1, expiresAt,
    }).onConflictDoNothing().returning();
    if (row) return row;
  }
}

/**
 * Takes one use of a code, or returns why not. Runs inside the caller's transaction; the row lock
 * makes two groups redeeming a single-use code at once get one success and one refusal.
 */
export async function redeemJoinCode(tx: Db, code: string, now: Date): Promise<
  { ok: true; row: JoinCodeRow } | { ok: false; reason: 'unknown' | 'expired' | 'used' }
> {
  const [row] = await tx.select().from(joinCodes).where(eq(joinCodes.code, normaliseCode(code))).for('update');
  if (!row) return { ok: false, reason: 'unknown' };
  if (row.expiresAt <= now) return { ok: false, reason: 'expired' };
  if (row.usesLeft <= 0) return { ok: false, reason: 'used' };
  await tx.update(joinCodes).set({ usesLeft: sql`${joinCodes.usesLeft} - 1`, lastUsedAt: now })
    .where(eq(joinCodes.code, row.code));
  return { ok: true, row };
}

export async function listJoinCodes(db: Db, now: Date, includeExpired = false) {
  const q = db.select({
    code: joinCodes.code, purpose: joinCodes.purpose, usesLeft: joinCodes.usesLeft, expiresAt: joinCodes.expiresAt,
    complex: complexes.name, corporation: corporations.name,
  }).from(joinCodes)
    .leftJoin(complexes, eq(complexes.id, joinCodes.complexId))
    .leftJoin(corporations, eq(corporations.id, joinCodes.corporationId));
  return includeExpired ? q.orderBy(joinCodes.createdAt)
    : q.where(and(gt(joinCodes.expiresAt, now), gt(joinCodes.usesLeft, 0))).orderBy(joinCodes.createdAt);
}
