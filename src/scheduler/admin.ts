import { desc, eq, inArray } from 'drizzle-orm';
import type { AdminDef } from '../capability.js';
import { scheduledEffects } from '../db/schema/index.js';
import { t, type MessageKey, type Params } from '../i18n/index.js';

// npm run admin -- scheduler missed (skipped by a missed rule) | scheduler failed (gave up after retries)
export const schedulerAdmin: AdminDef = { name: 'scheduler', async run(io, args) {
  const say = (key: MessageKey, params?: Params) => io.out(t(io.lang, key, params));
  const [verb] = args;
  if (verb !== 'missed' && verb !== 'failed') {
    say('scheduler.admin.usage');
    return;
  }
  const rows = await io.db.select().from(scheduledEffects)
    .where(verb === 'missed' ? inArray(scheduledEffects.state, ['skipped']) : eq(scheduledEffects.state, 'failed'))
    .orderBy(desc(scheduledEffects.dueAt)).limit(200);
  if (rows.length === 0) say('scheduler.admin.none');
  for (const r of rows) {
    say('scheduler.admin.line', {
      id: r.id, key: r.key, due: r.dueAt.toISOString(), state: r.state, outcome: r.outcome ?? '-', error: r.lastError ?? '',
    });
  }
} };
