import { randomBytes } from 'node:crypto';
import { and, asc, desc, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { chats, complexMembers, loanItems, loanReservations, loans, loanWaitlist, people } from '../db/schema/index.js';
import type { Condition, ItemState } from './rules.js';

/** Queries of the loans capability; each takes `db` (or a transaction) first. */

export type ItemRow = typeof loanItems.$inferSelect;
export type LoanRow = typeof loans.$inferSelect;
export type ItemKind = 'key' | 'tool' | 'supply';

export function newStickerToken(): string {
  return randomBytes(12).toString('base64url');
}

export async function listItems(db: Db, complexId: number, opts: { includeArchived?: boolean } = {}): Promise<ItemRow[]> {
  return db.select().from(loanItems)
    .where(and(eq(loanItems.complexId, complexId), opts.includeArchived ? undefined : isNull(loanItems.archivedAt)))
    .orderBy(asc(loanItems.position), asc(loanItems.id));
}

export async function getItem(db: Db, id: number): Promise<ItemRow | null> {
  const [row] = await db.select().from(loanItems).where(eq(loanItems.id, id));
  return row ?? null;
}

export async function itemByToken(db: Db, token: string): Promise<ItemRow | null> {
  const [row] = await db.select().from(loanItems).where(eq(loanItems.stickerToken, token));
  return row ?? null;
}

/** The platforms a complex's chats are on (where its residents meet the bot). */
export async function complexPlatforms(db: Db, complexId: number): Promise<string[]> {
  const rows = await db.selectDistinct({ platform: chats.platform }).from(chats).where(eq(chats.complexId, complexId));
  return rows.map((r) => r.platform);
}

export async function getLoan(db: Db, id: number): Promise<LoanRow | null> {
  const [row] = await db.select().from(loans).where(eq(loans.id, id));
  return row ?? null;
}

export async function openLoanOf(db: Db, itemId: number): Promise<LoanRow | null> {
  const [row] = await db.select().from(loans).where(and(eq(loans.itemId, itemId), isNull(loans.returnedAt)));
  return row ?? null;
}

/** What a person holds in a complex, with the item names. */
export async function loansOfPerson(db: Db, complexId: number, personId: number): Promise<(LoanRow & { itemName: string })[]> {
  const rows = await db.select({ loan: loans, itemName: loanItems.name }).from(loans).innerJoin(loanItems, eq(loanItems.id, loans.itemId))
    .where(and(eq(loans.complexId, complexId), eq(loans.borrowerPersonId, personId), isNull(loans.returnedAt))).orderBy(asc(loans.dueAt));
  return rows.map((r) => ({ ...r.loan, itemName: r.itemName }));
}

export async function hasOverdue(db: Db, complexId: number, personId: number, now: Date): Promise<boolean> {
  const [row] = await db.select({ id: loans.id }).from(loans).where(and(eq(loans.complexId, complexId), eq(loans.borrowerPersonId, personId),
    isNull(loans.returnedAt), lt(loans.dueAt, now))).limit(1);
  return row !== undefined;
}

/** Locks the item row: every change to its loans, reservations and waitlist goes through this lock. */
export async function lockItem(tx: Db, itemId: number): Promise<ItemRow | null> {
  const [row] = await tx.select().from(loanItems).where(eq(loanItems.id, itemId)).for('update');
  return row ?? null;
}

/** Everything the deciders need about one item (call after lockItem when about to change it). */
export async function itemState(db: Db, item: ItemRow, now: Date): Promise<ItemState> {
  const open = await openLoanOf(db, item.id);
  const reservations = await db.select().from(loanReservations)
    .where(and(eq(loanReservations.itemId, item.id), isNull(loanReservations.cancelledAt), gt(loanReservations.endsAt, now)))
    .orderBy(asc(loanReservations.startsAt));
  const [hold] = await db.select().from(loanWaitlist)
    .where(and(eq(loanWaitlist.itemId, item.id), isNull(loanWaitlist.doneAt), gt(loanWaitlist.holdUntil, now))).limit(1);
  return {
    item: { id: item.id, name: item.name, condition: item.condition as Condition, needsApproval: item.needsApproval,
      loanHours: item.loanHours, archived: item.archivedAt !== null },
    openLoan: open ? { id: open.id, borrowerPersonId: open.borrowerPersonId, outAt: open.outAt, dueAt: open.dueAt,
      renewals: open.renewals, handoverTo: open.handoverTo } : null,
    reservations: reservations.map((r) => ({ id: r.id, personId: r.personId, startsAt: r.startsAt, endsAt: r.endsAt })),
    hold: hold?.holdUntil ? { personId: hold.personId, holdUntil: hold.holdUntil } : null,
  };
}

export async function personName(db: Db, personId: number): Promise<string> {
  const [row] = await db.select({ name: people.displayName }).from(people).where(eq(people.id, personId));
  return row?.name ?? '?';
}

export async function coordinatorsOf(db: Db, complexId: number): Promise<number[]> {
  const rows = await db.select({ id: complexMembers.personId }).from(complexMembers)
    .where(and(eq(complexMembers.complexId, complexId), eq(complexMembers.role, 'coordinator')));
  return rows.map((r) => r.id);
}

export interface ItemInput {
  name: string; kind: ItemKind; aliases: string[]; location: string | null; loanHours: number; needsApproval: boolean;
}

/** Creates or updates an item by name (case-insensitive); an archived item of that name comes back. */
export async function saveItem(tx: Db, complexId: number, input: ItemInput): Promise<{ item: ItemRow; created: boolean }> {
  const [existing] = await tx.select().from(loanItems)
    .where(and(eq(loanItems.complexId, complexId), eq(sql`lower(${loanItems.name})`, input.name.toLowerCase())));
  const values = { name: input.name, kind: input.kind, aliases: input.aliases, location: input.location, loanHours: input.loanHours,
    needsApproval: input.needsApproval, archivedAt: null };
  if (existing) {
    const [item] = await tx.update(loanItems).set(values).where(eq(loanItems.id, existing.id)).returning();
    return { item: item!, created: false };
  }
  const [item] = await tx.insert(loanItems).values({ ...values, complexId, stickerToken: newStickerToken() }).returning();
  return { item: item!, created: true };
}

export interface HistoryRow { loan: LoanRow; borrower: string; itemName: string }

/** Loans of an item or of a person, newest first. */
export async function loanHistory(db: Db, where: { itemId: number } | { complexId: number; personId: number }, limit = 15): Promise<HistoryRow[]> {
  const cond = 'itemId' in where ? eq(loans.itemId, where.itemId) : and(eq(loans.complexId, where.complexId), eq(loans.borrowerPersonId, where.personId));
  const rows = await db.select({ loan: loans, borrower: people.displayName, itemName: loanItems.name }).from(loans)
    .innerJoin(people, eq(people.id, loans.borrowerPersonId)).innerJoin(loanItems, eq(loanItems.id, loans.itemId))
    .where(cond).orderBy(desc(loans.outAt), desc(loans.id)).limit(limit);
  return rows;
}
