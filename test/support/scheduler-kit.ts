import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { chats, complexes, outbox } from '../../src/db/schema/index.js';
import { msg } from '../../src/i18n/index.js';
import { enqueue } from '../../src/outbox/queue.js';
import { runIfLateBy, type JobKind } from '../../src/scheduler/engine.js';
import { occurrencesBetween } from '../../src/scheduler/time.js';

/**
 * A simple daily reminder per complex (the kind of job rota reminders are), written against the
 * public JobKind interface, for engine tests: at HH:MM local time it queues a message to every
 * chat of the complex. Missed rule: sent late up to `maxLateMs`, skipped after that.
 */
export function dailyReminderJob(opts: { kind: string; time: string; maxLateMs: number }): JobKind {
  return {
    kind: opts.kind,
    missedRule: `late up to ${opts.maxLateMs / 60_000} min, else skipped`,
    missed: runIfLateBy(opts.maxLateMs),
    async due(db, { from, to }) {
      const rows = await db.select().from(complexes);
      return rows.flatMap((c) => occurrencesBetween('FREQ=DAILY', opts.time, c.timezone, c.createdAt, from, to)
        .map((o) => ({ key: `${opts.kind}:${c.id}:${o.date}`, dueAt: o.at, complexId: c.id, payload: { date: o.date } })));
    },
    async run(tx, effect, { now }) {
      const targets = await tx.select().from(chats).where(eq(chats.complexId, effect.complexId!));
      for (const chat of targets) {
        await enqueue(tx, {
          platform: chat.platform, to: { chatId: chat.platformChatId }, key: `${effect.key}:${chat.id}`,
          message: { lang: 'nl', body: [msg('core.unknownCommand', { command: `${opts.kind} ${String(effect.payload.date)}` })] },
        }, now);
      }
    },
  };
}

export async function seedComplexes(db: Db, n: number, createdAt: Date, timezone = 'Europe/Amsterdam'): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const [c] = await db.insert(complexes).values({ name: `Complex ${i}`, timezone, createdAt }).returning();
    await db.insert(chats).values({ platform: 'fake', platformChatId: `group-${c!.id}`, complexId: c!.id });
    ids.push(c!.id);
  }
  return ids;
}

/** Queued messages as "chat | text-ish key | not-before", in id order. */
export async function queued(db: Db): Promise<{ chat: string; key: string; at: string }[]> {
  const rows = await db.select().from(outbox).orderBy(asc(outbox.id));
  return rows.map((r) => ({ chat: r.targetId, key: r.idempotencyKey, at: r.createdAt.toISOString() }));
}
