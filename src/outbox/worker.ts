import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { outbox } from '../db/schema/index.js';
import type { Logger } from '../log.js';
import { PlatformError, type ChatPlatform, type SentRef } from '../platform.js';
import { blockTarget, DEFAULT_LIMITS, releaseGlobalSlot, releaseSlot, reserveSlot, type PlatformLimits } from './pacing.js';
import { claimDue, nextDueByPlatform } from './due.js';
import { deliveryExtras, deserializeMessage, enqueue, enqueuePin, type OutboxRow } from './queue.js';
import type { SentMarks } from './sent-marks.js';

export interface OutboxWorkerOptions {
  db: Db;
  log: Logger;
  platforms: Map<string, ChatPlatform>;
  /** The clock (tests pass a virtual one). */
  clock?: () => Date;
  limits?: Record<string, PlatformLimits>;
  /** Transient failures (5xx, network) before a row is dead-lettered. */
  maxAttempts?: number;
  /** First retry delay after a transient failure; doubles each attempt up to maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** How long a claimed row stays with one worker before another may take it over (crash recovery). */
  leaseMs?: number;
  batchSize?: number;
  /** Sends in flight at once (each to a different chat; one chat's messages stay in order). */
  concurrency?: number;
  /** Idle poll interval of the running loop. */
  pollMs?: number;
  /**
   * Writes the "sent" marks of rows delivered by deliverLeased together (see sent-marks.ts); without it
   * each is written at once. Rows with a topic are always marked at once: they are looked up to be edited.
   * Waiting marks are written before each claim of due rows.
   */
  sentMarks?: SentMarks;
}

export interface OutboxWorker {
  /** Claims and sends what is due now; returns when the next row becomes due (null: nothing left). */
  runOnce(): Promise<{ sent: number; nextAt: Date | null }>;
  /**
   * Sends rows that the caller already leased to itself (state 'sending' with a claim token), e.g.
   * replies written in a handler's transaction: at once, one target after the other in row order,
   * without pacing (a 429 still blocks the target and hands the row back to the queue). Returns how
   * many were sent and how many rows now wait in the queue (handed back, or a notice queued).
   */
  deliverLeased(rows: OutboxRow[]): Promise<{ sent: number; queued: number }>;
  start(): void;
  poke(): void;
  stop(): Promise<void>;
}

const targetKeyOf = (row: OutboxRow) => `${row.targetKind}:${row.targetId}`;

export function createOutboxWorker(opts: OutboxWorkerOptions): OutboxWorker {
  const { db, log, platforms } = opts;
  const clock = opts.clock ?? (() => new Date());
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const maxAttempts = opts.maxAttempts ?? 8;
  const backoffMs = opts.backoffMs ?? 2000;
  const maxBackoffMs = opts.maxBackoffMs ?? 15 * 60_000;
  const leaseMs = opts.leaseMs ?? 120_000;
  const batchSize = opts.batchSize ?? 50;
  // With a 150 ms round trip per send, 4 lanes kept a broadcast at 0.60 of 30/s, 8 at 0.74 (16: no better).
  const concurrency = opts.concurrency ?? 8;
  /** Longest a lane of the running loop holds a claimed row while a global limit is full. */
  const holdForRoomMs = 5000;
  /**
   * Until when a platform's global limit is known to be full (a reservation was refused): its rows
   * are not claimed before then, so a full limit is waited out instead of claimed and handed back
   * in a loop. A send refused with a 429 gives its slot back and clears this at once.
   */
  const platformFullUntil = new Map<string, number>();

  async function claim(now: Date): Promise<OutboxRow[]> {
    // An answer delivered but not yet marked sent is still its chat's oldest unfinished row: mark it first.
    await opts.sentMarks?.flush();
    const names = [...platforms.keys()].filter((p) => (platformFullUntil.get(p) ?? 0) <= now.getTime());
    return claimDue(db, names, now, { batchSize, leaseMs });
  }

  /** Updates a claimed row unless someone re-armed or took it over meanwhile. */
  async function settle(row: OutboxRow, set: Partial<typeof outbox.$inferInsert>): Promise<void> {
    await db.update(outbox).set({ ...set, leaseUntil: null })
      .where(and(eq(outbox.id, row.id), eq(outbox.claimToken, row.claimToken ?? '')));
  }

  async function deliver(row: OutboxRow, platform: ChatPlatform): Promise<SentRef | null> {
    const message = deserializeMessage(row.message);
    if (row.op === 'pin') {
      await platform.pin({ chatId: row.targetId, messageId: row.editMessageId ?? '' });
      return null;
    }
    if (row.op === 'edit') {
      await platform.edit({ chatId: row.targetId, messageId: row.editMessageId ?? '' }, message);
      return null;
    }
    const respond = row.op === 'respond' ? deliveryExtras(row.message).respond : undefined;
    const ref = respond ? await platform.respond(respond.to, message, respond.mode)
      : row.targetKind === 'user' ? await platform.sendDirect(row.targetId, message) : await platform.send(row.targetId, message);
    if (row.pin) {
      // A failed pin must not resend the message; a pin refused for a passing reason (429, 5xx) is
      // queued as its own row, so it is retried after retry_after like any send.
      await platform.pin(ref).catch(async (err: unknown) => {
        log.warn({ err, outboxId: row.id }, 'pin failed');
        if (!(err instanceof PlatformError) || err.kind === 'permanent') return;
        const at = new Date(clock().getTime() + (err.retryAfterMs ?? backoffMs));
        if (err.kind === 'rate_limited') await blockTarget(db, row.platform, targetKeyOf(row), at);
        await enqueuePin(db, { platform: row.platform, ref, topic: row.topic, notBefore: at }, clock());
      });
    }
    return ref;
  }

  /** `holdWhenFull`: a row refused for a full global limit stays leased (the caller waits for room). */
  async function process(row: OutboxRow, pace = true, holdWhenFull = false): Promise<'sent' | 'later' | Date> {
    const platform = platforms.get(row.platform);
    if (!platform) {
      await settle(row, { state: 'pending' });
      return 'later';
    }
    const reserve = () => reserveSlot(db, row.platform, targetKeyOf(row), limits[row.platform] ?? {}, clock);
    let slot = pace ? await reserve() : { ok: true as const, at: null, startBy: Infinity };
    // The pacing margin covers a send that starts within it of its slot; after a stall (a slow
    // commit, a busy event loop) the slot is given back and a new one taken, or a window could
    // see one send too many.
    while (slot.ok && slot.at !== null && clock().getTime() > slot.startBy) {
      await releaseSlot(db, row.platform, [targetKeyOf(row), 'global'], slot.at);
      slot = await reserve();
    }
    if (!slot.ok && slot.global) {
      // The row keeps its place in line (its next_attempt_at): the limit is the platform's, not its own.
      platformFullUntil.set(row.platform, Math.max(platformFullUntil.get(row.platform) ?? 0, slot.retryAt.getTime()));
      if (!holdWhenFull) await settle(row, { state: 'pending' });
      return slot.retryAt;
    }
    if (!slot.ok) {
      await settle(row, { state: 'pending', nextAttemptAt: slot.retryAt });
      return 'later';
    }
    try {
      const ref = await deliver(row, platform);
      if (!pace && opts.sentMarks && !row.topic && row.claimToken) {
        opts.sentMarks.add({ id: row.id, claimToken: row.claimToken, sentAt: clock(), attempts: row.attempts + 1, ref });
        return 'sent';
      }
      await settle(row, {
        state: 'sent', sentAt: clock(), attempts: row.attempts + 1, lastError: null,
        ...(ref ? { sentChatId: ref.chatId, sentMessageId: ref.messageId } : {}),
      });
      return 'sent';
    } catch (err) {
      if (slot.at !== null && err instanceof PlatformError && err.kind === 'rate_limited') {
        await releaseGlobalSlot(db, row.platform, slot.at);
        platformFullUntil.delete(row.platform);
        for (const waiter of [...roomWaiters]) waiter();
      }
      await failed(row, err);
      return 'later';
    }
  }

  async function failed(row: OutboxRow, err: unknown): Promise<void> {
    const now = clock();
    const text = err instanceof Error ? err.message : String(err);
    if (err instanceof PlatformError && err.kind === 'rate_limited') {
      // Not the message's fault: retry after retry_after without counting an attempt.
      const until = new Date(now.getTime() + (err.retryAfterMs ?? 1000));
      await blockTarget(db, row.platform, targetKeyOf(row), until);
      await settle(row, { state: 'pending', nextAttemptAt: until, rateLimitedCount: row.rateLimitedCount + 1, lastError: text });
      return;
    }
    const attempts = row.attempts + 1;
    const permanent = err instanceof PlatformError && err.kind === 'permanent';
    if (permanent || attempts >= maxAttempts) {
      log.warn({ outboxId: row.id, err: text, attempts }, 'outbox message dead-lettered');
      await settle(row, { state: 'dead', attempts, lastError: text });
      const notice = permanent ? deliveryExtras(row.message).ifUnreachable : undefined;
      if (notice) {
        await enqueue(db, { platform: row.platform, to: { chatId: notice.chatId }, key: `unreachable:${row.id}`,
          message: { ...notice.message, threadId: notice.threadId } }, now);
        wake?.();
      }
      return;
    }
    const delay = Math.min(maxBackoffMs, backoffMs * 2 ** (attempts - 1));
    await settle(row, { state: 'pending', attempts, lastError: text, nextAttemptAt: new Date(now.getTime() + delay) });
  }

  /** When the next row becomes due, per platform no earlier than its global limit has room again. */
  async function nextDue(): Promise<Date | null> {
    const due = await nextDueByPlatform(db, [...platforms.keys()]);
    const times = [...due].map(([platform, at]) => Math.max(at, platformFullUntil.get(platform) ?? 0));
    return times.length ? new Date(Math.min(...times)) : null;
  }

  /**
   * Lanes of the running loop that wait for room in a global limit: until it is expected, or until a
   * send refused with a 429 gave its slot back.
   */
  const roomWaiters = new Set<() => void>();
  function waitForRoom(until: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => { clearTimeout(timer); roomWaiters.delete(done); resolve(); };
      const timer = setTimeout(done, Math.max(0, until - clock().getTime()));
      roomWaiters.add(done);
    });
  }

  /**
   * One round: claims a batch and sends it in `concurrency` lanes. With `waitForRoom` (the running
   * loop, in real time) a lane that meets a full global limit keeps its rows and waits for the next
   * free slot, at most holdForRoomMs; otherwise (runOnce, e.g. on a test's virtual clock) it hands
   * that platform's rest of the batch back and the returned nextAt says when the limit has room.
   */
  async function round(holdForRoom: boolean): Promise<{ sent: number; nextAt: Date | null }> {
    const rows = await claim(clock());
    let sent = 0;
    let queue = [...rows];
    const mayHold = (until: number) => holdForRoom && !stopped && until - clock().getTime() <= holdForRoomMs;
    // The running loop claims the next batch as soon as this one is taken, so the lanes still
    // sending (a platform round trip each) are not waited for before the next rows start.
    let drained = !holdForRoom;
    let refill: Promise<void> | null = null;
    async function next(): Promise<OutboxRow | undefined> {
      while (queue.length === 0 && !drained && !stopped) {
        refill ??= claim(clock()).then((more) => { queue.push(...more); drained ||= more.length === 0; })
          .finally(() => { refill = null; });
        await refill;
      }
      return queue.shift();
    }
    async function lane(): Promise<void> {
      for (let row = await next(); row; row = await next()) {
        const full = platformFullUntil.get(row.platform) ?? 0;
        if (full > clock().getTime() && mayHold(full)) await waitForRoom(full);
        let result = await process(row, true, holdForRoom);
        while (result instanceof Date && mayHold(result.getTime())) {
          await waitForRoom(result.getTime());
          result = await process(row, true, true);
        }
        if (result === 'sent') sent++;
        if (result instanceof Date) {
          // The platform-wide limit stays full: hand that platform's rest of the batch back untried,
          // in its place in line; it is claimed again once the limit has room.
          const platform = row.platform;
          const rest = [...(holdForRoom ? [row] : []), ...queue.filter((r) => r.platform === platform)];
          queue = queue.filter((r) => r.platform !== platform);
          if (rest.length > 0) {
            await db.update(outbox).set({ state: 'pending', leaseUntil: null })
              .where(and(inArray(outbox.id, rest.map((r) => r.id)), eq(outbox.claimToken, row.claimToken ?? '')));
          }
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, rows.length) }, () => lane()));
    return { sent, nextAt: await nextDue() };
  }

  const runOnce = () => round(false);

  let stopped = false;
  let wake: (() => void) | undefined;
  let loop: Promise<void> | undefined;
  const pollMs = opts.pollMs ?? 1000;

  async function run(): Promise<void> {
    while (!stopped) {
      let nextAt: Date | null = null;
      try {
        ({ nextAt } = await round(true));
      } catch (err) {
        log.error({ err }, 'outbox worker round failed');
      }
      const wait = Math.max(0, Math.min(pollMs, nextAt ? nextAt.getTime() - Date.now() : pollMs));
      if (wait > 0 && !stopped) {
        await new Promise<void>((resolve) => { wake = resolve; setTimeout(resolve, wait); });
      }
    }
  }

  async function deliverLeased(rows: OutboxRow[]): Promise<{ sent: number; queued: number }> {
    let sent = 0;
    let queued = 0;
    const held = new Set<string>();
    for (const row of rows) {
      // After one row of a target failed, its later rows wait for the queue, so the order holds.
      if (held.has(targetKeyOf(row))) {
        await settle(row, { state: 'pending' });
        queued++;
        continue;
      }
      if ((await process(row, false)) === 'sent') sent++;
      else {
        held.add(targetKeyOf(row));
        // Handed back for a retry, or dead with an "I cannot reach you" notice for the group.
        queued++;
      }
    }
    return { sent, queued };
  }

  return {
    runOnce,
    deliverLeased,
    start() { loop ??= run(); },
    /** Wakes the loop now (e.g. right after something was queued). */
    poke() { wake?.(); },
    async stop() {
      stopped = true;
      wake?.();
      for (const waiter of [...roomWaiters]) waiter();
      await loop;
    },
  };
}

/** The running worker for src/main.ts: polls, sends what is due, sleeps until the next row is due. */
export function startOutboxWorker(opts: OutboxWorkerOptions): OutboxWorker {
  const worker = createOutboxWorker(opts);
  worker.start();
  return worker;
}
