import { capabilities } from '../../src/capabilities.js';
import { chats, complexes, corporationRoles, corporations } from '../../src/db/schema/index.js';
import { silentLogger } from '../../src/log.js';
import { createOutboxWorker, type OutboxWorker } from '../../src/outbox/worker.js';
import { createScheduler } from '../../src/scheduler/engine.js';
import { schedulerJobs } from '../../src/scheduler/jobs.js';
import type { JobKind } from '../../src/scheduler/engine.js';
import { ensurePerson, setRole } from '../../src/tenancy/queries.js';
import type { FakeUser } from './fake-platform.js';
import type { Harness } from './harness.js';

/** A corporation with two complexes: A (groups gA1, gA2) and B (group gB), plus a liaison chat. */
export async function seedCorporation(h: Harness, people: { a: FakeUser[]; coordinatorsA: FakeUser[]; b?: FakeUser[]; liaison?: FakeUser }) {
  const db = h.database.db;
  const [corp] = await db.insert(corporations).values({ name: 'Woonstede' }).returning();
  const [a] = await db.insert(complexes).values({ name: 'De Linde', corporationId: corp!.id, createdAt: h.clock.now }).returning();
  const [b] = await db.insert(complexes).values({ name: 'De Eik', corporationId: corp!.id, createdAt: h.clock.now }).returning();
  await db.insert(chats).values([
    { platform: 'fake', platformChatId: 'gA1', complexId: a!.id, title: 'Bewoners De Linde' },
    { platform: 'fake', platformChatId: 'gA2', complexId: a!.id, title: 'De Linde – tuin' },
    { platform: 'fake', platformChatId: 'gB', complexId: b!.id, title: 'Bewoners De Eik' },
    { platform: 'fake', platformChatId: 'liaison', purpose: 'liaison', corporationId: corp!.id, title: 'Woonstede contact' },
  ]);
  const personOf = async (u: FakeUser) => (await ensurePerson(db, {
    platform: 'fake', userId: u.id, displayName: u.name, username: u.username, language: u.language,
  })).person;
  const ids = new Map<string, number>();
  for (const u of people.a) {
    const p = await personOf(u);
    ids.set(u.id, p.id);
    await setRole(db, a!.id, p.id, people.coordinatorsA.includes(u) ? 'coordinator' : 'resident');
  }
  for (const u of people.b ?? []) {
    const p = await personOf(u);
    ids.set(u.id, p.id);
    await setRole(db, b!.id, p.id, 'resident');
  }
  if (people.liaison) {
    const p = await personOf(people.liaison);
    ids.set(people.liaison.id, p.id);
    await db.insert(corporationRoles).values({ corporationId: corp!.id, personId: p.id });
  }
  for (const g of ['gA1', 'gA2', 'gB', 'liaison']) h.fake.group(g, g);
  return { corporationId: corp!.id, complexA: a!.id, complexB: b!.id, personIds: ids };
}

/** The scheduler and the outbox worker, both on the harness clock and the fake platform. */
export function machinery(h: Harness, jobs: JobKind[] = schedulerJobs(capabilities)): { tick(): Promise<void>; worker: OutboxWorker; flush(): Promise<void> } {
  const platforms = new Map([['fake', h.fake]]);
  const scheduler = createScheduler({ db: h.database.db, log: silentLogger, platforms, jobs, firstLookbackMs: 0 });
  const worker = createOutboxWorker({ db: h.database.db, log: silentLogger, platforms, clock: () => h.clock.now, limits: {}, concurrency: 1, sentMarks: h.bot.sentMarks });
  return {
    worker,
    async tick() { await scheduler.tick(h.clock.now); await this.flush(); },
    /** Sends everything due now (the fake has no limits). */
    async flush() {
      for (let i = 0; i < 100; i++) {
        const { nextAt } = await worker.runOnce();
        if (!nextAt || nextAt > h.clock.now) return;
      }
    },
  };
}

export const liaisonUser: FakeUser = { id: 'u-lotte', name: 'Lotte Woonstede', username: 'lotte' };
