import { capabilities } from '../../src/capabilities.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identityLinkCodes, pendingActions, people, processedUpdates } from '../../src/db/schema/index.js';
import { schedulerJobs } from '../../src/scheduler/jobs.js';
import { machinery } from '../support/complex-kit.js';
import { createHarness, type Harness } from '../support/harness.js';

describe('daily retention clean-up', () => {
  let h: Harness;
  beforeAll(async () => { h = await createHarness({ now: new Date('2026-11-22T02:00:00Z') }); });
  afterAll(async () => { await h.close(); });

  it('at 04:00 Amsterdam removes old update ids and expired button state and link codes, and keeps the rest', async () => {
    const db = h.database.db;
    const day = 86_400_000;
    const now = h.clock.now.getTime();
    const [person] = await db.insert(people).values({ displayName: 'Anna' }).returning();
    await db.insert(processedUpdates).values([
      { platform: 'telegram', updateId: 'old', processedAt: new Date(now - 8 * day) },
      { platform: 'telegram', updateId: 'recent', processedAt: new Date(now - 1 * day) },
    ]);
    await db.insert(pendingActions).values([
      { id: 'expired', action: 'x', payload: {}, complexId: null, expiresAt: new Date(now - 2 * day) },
      { id: 'just-expired', action: 'x', payload: {}, complexId: null, expiresAt: new Date(now - 3_600_000) },
      { id: 'valid', action: 'x', payload: {}, complexId: null, expiresAt: new Date(now + day) },
    ]);
    await db.insert(identityLinkCodes).values([
      { code: 'OLD1-OLD1', personId: person!.id, expiresAt: new Date(now - 60_000) },
      { code: 'NEW1-NEW1', personId: person!.id, expiresAt: new Date(now + day) },
    ]);
    const run = machinery(h, schedulerJobs(capabilities));
    await run.tick();
    // 02:00 UTC is 03:00 in Amsterdam: nothing yet.
    expect(await db.select().from(processedUpdates)).toHaveLength(2);

    h.clock.now = new Date('2026-11-22T03:00:00Z');
    await run.tick();
    expect((await db.select().from(processedUpdates)).map((r) => r.updateId)).toEqual(['recent']);
    expect((await db.select().from(pendingActions)).map((r) => r.id).sort()).toEqual(['just-expired', 'valid']);
    expect((await db.select().from(identityLinkCodes)).map((r) => r.code)).toEqual(['NEW1-NEW1']);
  });
});
