import { randomUUID } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { sendLast } from '../db/pipelined.js';
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
  /** See OutboxItem.topic: the sent message can be found (and edited) later. */
  topic?: string;
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
 * The insert is the transaction's last statement (`sendLast`): `leased` settles once it committed.
 */
export async function queueImmediate(tx: Db, items: ImmediateItem[], now: Date,
  opts: { known?: KnownBusy; leaseMs?: number } = {}): Promise<{ leased: Promise<OutboxRow[]> }> {
  const leaseMs = opts.leaseMs ?? IMMEDIATE_LEASE_MS;
  if (items.length === 0) return { leased: Promise.resolve([]) };
  const token = randomUUID();
  const targets = items.map((item) => ({
    platform: item.platform,
    kind: 'chatId' in item.to ? 'chat' : 'user',
    id: 'chatId' in item.to ? item.to.chatId : item.to.userId,
  }));
  const busy = await busyTargets(tx, targets, now, opts.known);
  // One statement for all of them; within it, rows get their ids (and so their order) as listed.
  const insert = tx.insert(outbox).values(items.map((item, i) => {
    const target = targets[i]!;
    const free = !busy.has(targetKey(target));
    return {
      platform: item.platform, targetKind: target.kind, targetId: target.id, op: item.extras?.respond ? 'respond' : 'send',
      message: serializeMessage(item.message, item.extras), idempotencyKey: item.key, pin: item.pin ? 1 : 0, topic: item.topic ?? null,
      nextAttemptAt: now, createdAt: now,
      // The lease is wall-clock time (how long this process may take to send), whatever `now` the rules run on.
      ...(free ? { state: 'sending', claimToken: token, leaseUntil: new Date(Date.now() + leaseMs) } : {}),
    };
  })).onConflictDoNothing().returning();
  const rows = sendLast(tx, insert);
  const leased = rows.then((list) => list.filter((row) => row.claimToken === token).sort((a, b) => a.id - b.id));
  // Read only once the transaction committed; if the insert failed, the transaction throws that instead.
  leased.catch(() => {});
  return { leased };
}

type Target = { platform: string; kind: string; id: string };
export const targetKey = (t: Target) => `${t.platform}|${t.kind}:${t.id}`;
/** Targets already known to be busy (true) or free (false), by targetKey, e.g. asked with the event's context. */
export type KnownBusy = ReadonlyMap<string, boolean>;

/**
 * Whether a target has older messages still waiting (held back by a 429 or a retry), or a 429 block still
 * running: messages to it then queue behind those. A message being sent right now does not hold one up.
 */
export function targetBusySql(platform: string, kind: string, id: string, now: Date): SQL<boolean> {
  return sql<boolean>`(exists (select 1 from outbox o where o.platform = ${platform} and o.target_kind = ${kind}
      and o.target_id = ${id} and o.state = 'pending')
    or exists (select 1 from outbox_pace p where p.platform = ${platform} and p.key = ${`${kind}:${id}`}
      and p.blocked_until > ${now.toISOString()}::timestamptz))`;
}

/** The busy ones among the targets (one statement for those not already known). */
async function busyTargets(tx: Db, targets: Target[], now: Date, known: KnownBusy = new Map()): Promise<Set<string>> {
  const unique = [...new Map(targets.map((t) => [targetKey(t), t])).values()];
  const busy = new Set(unique.map(targetKey).filter((key) => known.get(key) === true));
  const ask = unique.filter((t) => !known.has(targetKey(t)));
  if (ask.length === 0) return busy;
  const list = sql.join(ask.map((t) => sql`(${t.platform}, ${t.kind}, ${t.id}, ${targetBusySql(t.platform, t.kind, t.id, now)})`), sql`, `);
  const result = await tx.execute<Target>(sql`select t.platform, t.kind, t.id from (values ${list}) as t(platform, kind, id, busy) where t.busy`);
  const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Target[];
  for (const row of rows) busy.add(targetKey(row));
  return busy;
}
