import { and, asc, eq, sql } from 'drizzle-orm';
import { AdminError } from '../admin/commands.js';
import type { AdminDef } from '../capability.js';
import { outbox } from '../db/schema/index.js';
import { t, type MessageKey, type Params } from '../i18n/index.js';

// npm run admin -- outbox dead | outbox retry <id> | outbox stats
export const outboxAdmin: AdminDef = { name: 'outbox', async run(io, args) {
  const say = (key: MessageKey, params?: Params) => io.out(t(io.lang, key, params));
  const [verb, arg] = args;
  if (verb === 'dead') {
    const rows = await io.db.select().from(outbox).where(eq(outbox.state, 'dead')).orderBy(asc(outbox.id)).limit(500);
    if (rows.length === 0) say('outbox.admin.noneDead');
    for (const r of rows) {
      say('outbox.admin.deadLine', {
        id: r.id, platform: r.platform, target: `${r.targetKind} ${r.targetId}`, key: r.idempotencyKey,
        created: r.createdAt.toISOString(), attempts: r.attempts, error: r.lastError ?? '-',
      });
    }
    return;
  }
  if (verb === 'retry') {
    const id = Number(arg);
    if (!Number.isInteger(id) || id <= 0) throw new AdminError('admin.error.invalid', { what: 'id', value: arg ?? '' });
    const updated = await io.db.update(outbox)
      .set({ state: 'pending', attempts: 0, nextAttemptAt: io.now, claimToken: null, leaseUntil: null })
      .where(and(eq(outbox.id, id), eq(outbox.state, 'dead'))).returning({ id: outbox.id });
    if (updated.length === 0) throw new AdminError('outbox.admin.notDead', { id });
    say('outbox.admin.retried', { id });
    return;
  }
  if (verb === 'stats') {
    const rows = await io.db.select({ state: outbox.state, count: sql<number>`count(*)::int` }).from(outbox)
      .groupBy(outbox.state).orderBy(outbox.state);
    if (rows.length === 0) say('outbox.admin.noneDead');
    for (const r of rows) say('outbox.admin.statsLine', { state: r.state, count: r.count });
    return;
  }
  say('outbox.admin.usage');
} };
