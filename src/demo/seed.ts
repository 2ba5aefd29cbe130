import { readFileSync } from 'node:fs';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { chats, complexes, corporationRoles, corporations } from '../db/schema/index.js';
import type { Role } from '../handler.js';
import { audit, ensurePerson, setRole } from '../tenancy/queries.js';
import { importPlan } from '../beheerplan/import.js';
import { validatePlanText } from '../beheerplan/validate.js';
import { capabilities } from '../capabilities.js';
import { planSections } from '../capability.js';

export const DEMO_CHAT_ID = 'demo-group';

/** The demo's beheerplan; also the example in the README. */
// Two levels up from this file and from the bundle (dist/src/main.js) alike: the plan stays in src/demo/.
export const DEMO_PLAN_URL = new URL('../../src/demo/demo-beheerplan.yaml', import.meta.url);

export interface DemoResident { key: string; name: string; role: Role; language?: 'nl' | 'en' }

/** The people of the demo complex; `/as <key>` switches between them in the console chat. */
export const DEMO_RESIDENTS: DemoResident[] = [
  { key: 'anna', name: 'Anna de Vries', role: 'coordinator' },
  { key: 'bram', name: 'Bram Jansen', role: 'resident' },
  { key: 'chloe', name: 'Chloé Martin', role: 'resident', language: 'en' },
  { key: 'daan', name: 'Daan Bakker', role: 'resident' },
  { key: 'liaison', name: 'Lotte (Woonstede)', role: 'resident' },
];

export interface DemoComplex { complexId: number; corporationId: number; chatId: string; created: boolean }

/**
 * Seeds the demo complex on first run (idempotent: a second run finds it and changes nothing).
 * The console chat is linked to it as a group, with Anna as coordinator.
 */
export async function seedDemo(db: Db, now: Date): Promise<DemoComplex> {
  const [existing] = await db.select().from(chats)
    .where(and(eq(chats.platform, 'console'), eq(chats.platformChatId, DEMO_CHAT_ID)));
  if (existing?.complexId) {
    const [complex] = await db.select().from(complexes).where(eq(complexes.id, existing.complexId));
    return { complexId: existing.complexId, corporationId: complex?.corporationId ?? 0, chatId: DEMO_CHAT_ID, created: false };
  }
  return db.transaction(async (tx) => {
    const [corp] = await tx.insert(corporations).values({ name: 'Woonstede (demo)' }).returning();
    const [complex] = await tx.insert(complexes).values({ name: 'De Linde', corporationId: corp!.id }).returning();
    await tx.insert(chats).values({
      platform: 'console', platformChatId: DEMO_CHAT_ID, purpose: 'complex', complexId: complex!.id, title: 'Bewoners De Linde',
    });
    let coordinatorId: number | null = null;
    for (const r of DEMO_RESIDENTS.filter((p) => p.key !== 'liaison')) {
      const { person } = await ensurePerson(tx, {
        platform: 'console', userId: r.key, displayName: r.name, username: r.key, language: r.language,
      });
      await setRole(tx, complex!.id, person.id, r.role);
      if (r.role === 'coordinator') coordinatorId ??= person.id;
    }
    // Lotte is the corporation's liaison (no member of the complex): reports sent to the corporation reach
    // her by direct message, so the console shows the corporation's side too.
    const liaison = DEMO_RESIDENTS.find((p) => p.key === 'liaison')!;
    const { person: lotte } = await ensurePerson(tx, { platform: 'console', userId: liaison.key, displayName: liaison.name, username: liaison.key });
    await tx.insert(corporationRoles).values({ corporationId: corp!.id, personId: lotte.id, role: 'liaison' });
    const sections = planSections(capabilities);
    const plan = validatePlanText(sections, readFileSync(DEMO_PLAN_URL, 'utf8'), 'demo-beheerplan.yaml');
    if (!plan.ok) throw new Error('the demo beheerplan is invalid; run the beheerplan tests');
    await importPlan(tx, complex!.id, plan, { now, actorPersonId: coordinatorId, sections });
    await audit(tx, { complexId: complex!.id, action: 'demo.seeded', at: now });
    return { complexId: complex!.id, corporationId: corp!.id, chatId: DEMO_CHAT_ID, created: true };
  });
}
