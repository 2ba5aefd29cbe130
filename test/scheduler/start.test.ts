import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledEffects } from '../../src/db/schema/index.js';
import { silentLogger } from '../../src/log.js';
import type { JobKind } from '../../src/scheduler/engine.js';
import { startScheduler } from '../../src/scheduler/start.js';
import { testDatabase, type TestDatabase } from '../support/db.js';

describe('startScheduler (node-cron wiring)', () => {
  let database: TestDatabase;
  beforeAll(async () => { database = await testDatabase(); });
  afterAll(async () => { await database.close(); });

  it('ticks at start-up (catching up), never overlaps itself, and stops cleanly', async () => {
    let runs = 0;
    const job: JobKind = {
      kind: 'startup-probe', missedRule: 'always', missed: () => 'run',
      async due(_db, { to }) { return [{ key: `probe:${Math.floor(to.getTime() / 86_400_000)}`, dueAt: new Date(to.getTime() - 1000) }]; },
      async run() { runs++; },
    };
    const s = startScheduler({ db: database.db, log: silentLogger, platforms: new Map(), capabilities: [], cron: '0 0 1 1 *', jobs: [job] });
    await Promise.all([s.tickNow(), s.tickNow(), s.tickNow()]);
    await s.stop();
    expect(runs).toBe(1);
    const rows = await database.db.select().from(scheduledEffects);
    expect(rows.map((r) => [r.kind, r.state])).toEqual([['startup-probe', 'done']]);
  });
});
