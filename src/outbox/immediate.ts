import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { outbox } from '../db/schema/index.js';
import type { OutboundMessage } from '../platform.js';
import { serializeMessage, type DeliveryExtras, type OutboxRow } from './queue.js';

/** A message an event's handling produces: an answer, a DM to someone, a notice in another chat. */
export interface ImmediateItem {
  platform: string;
  to: { chatId: string } | { userId: string };
  message: OutboundMessage;
  extras?: DeliveryExtras;
  pin?: boolean;
  key: string;
}

/**
 * How long a reply stays leased to the instance that wrote it. If that instance dies before it
 * could send, another takes the row over after this (so a reply is never lost, and sent twice at
 * most when the process died with the request in flight).
 */
export const IMMEDIATE_LEASE_MS = 20_000;

/**
 * Writes messages into the outbox inside the caller's transaction, so they commit together with
 * the handler's effects and the update's dedupe mark. A message whose target has nothing older
 * queued (and is not blocked by a 429) is leased to the caller, who sends it right after the commit
 * (`OutboxWorker.deliverLeased`); the others wait their turn in the queue, keeping each chat's order.
 */
export async function queueImmediate(tx: Db, items: ImmediateItem[], now: Date, leaseMs = IMMEDIATE_LEASE_MS): Promise<OutboxRow[]> {
  const leased: OutboxRow[] = [];
  const ours = new Set<string>();
  const token = randomUUID();
  for (const item of items) {
    const targetKind = 'chatId' in item.to ? 'chat' : 'user';
    const targetId = 'chatId' in item.to ? item.to.chatId : item.to.userId;
    const targetKey = `${targetKind}:${targetId}`;
    const free = ours.has(`${item.platform}|${targetKey}`) || !(await targetBusy(tx, item.platform, targetKind, targetId, now));
    const [row] = await tx.insert(outbox).values({
      platform: item.platform, targetKind, targetId, op: item.extras?.respond ? 'respond' : 'send',
      message: serializeMessage(item.message, item.extras), idempotencyKey: item.key, pin: item.pin ? 1 : 0,
      nextAttemptAt: now, createdAt: now,
      // The lease is wall-clock time (how long this process may take to send), whatever `now` the rules run on.
      ...(free ? { state: 'sending', claimToken: token, leaseUntil: new Date(Date.now() + leaseMs) } : {}),
    }).onConflictDoNothing().returning();
    if (row && free) {
      leased.push(row);
      ours.add(`${item.platform}|${targetKey}`);
    }
  }
  return leased;
}

/**
 * Older messages still waiting for the target (held back by a 429 or a retry), or a 429 block still
 * running: then this one queues behind them. A message being sent right now does not hold it up.
 */
async function targetBusy(tx: Db, platform: string, targetKind: string, targetId: string, now: Date): Promise<boolean> {
  const rows = await tx.execute<{ busy: boolean }>(sql`select (
      exists (select 1 from outbox where platform = ${platform} and target_kind = ${targetKind} and target_id = ${targetId}
        and state = 'pending')
      or exists (select 1 from outbox_pace where platform = ${platform} and key = ${`${targetKind}:${targetId}`}
        and blocked_until > ${now.toISOString()}::timestamptz)) as busy`);
  const first = (Array.isArray(rows) ? rows[0] : (rows as { rows: { busy: boolean }[] }).rows[0]) as { busy: boolean } | undefined;
  return Boolean(first?.busy);
}
