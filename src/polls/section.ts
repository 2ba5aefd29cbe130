import { and, eq, notInArray } from 'drizzle-orm';
import { pollDefinitions } from '../db/schema/index.js';
import type { SectionOwner } from '../beheerplan/sections.js';
import type { PlanPoll } from '../beheerplan/schema.js';
import { cronSchedule } from '../rota/recurrence.js';

/**
 * The beheerplan `polls` section: the plan is the whole list, so polls missing from it are
 * deactivated (their history stays) and the rest are created or updated by name.
 */
export const pollsSection: SectionOwner<'polls'> = {
  section: 'polls',
  async apply(tx, polls, ctx) {
    const names = polls.map((p) => p.name);
    await tx.update(pollDefinitions).set({ active: false })
      .where(and(eq(pollDefinitions.complexId, ctx.complexId), names.length ? notInArray(pollDefinitions.name, names) : undefined));
    for (const p of polls) {
      const values = {
        question: p.question, options: p.options, area: p.area ?? null, schedule: p.schedule ?? null, afterTask: p.after_task ?? null,
        time: (p.schedule ? cronSchedule(p.schedule)?.time : undefined) ?? p.time, windowHours: p.window_hours, threshold: p.threshold ?? null, active: true,
      };
      await tx.insert(pollDefinitions).values({ complexId: ctx.complexId, name: p.name, createdAt: ctx.now, ...values })
        .onConflictDoUpdate({ target: [pollDefinitions.complexId, pollDefinitions.name], set: values });
    }
  },
  async read(db, complexId) {
    const rows = await db.select().from(pollDefinitions)
      .where(and(eq(pollDefinitions.complexId, complexId), eq(pollDefinitions.active, true))).orderBy(pollDefinitions.id);
    return rows.map((r): PlanPoll => ({
      name: r.name, question: r.question, options: r.options, time: r.time, window_hours: r.windowHours,
      ...(r.area ? { area: r.area } : {}), ...(r.schedule ? { schedule: r.schedule } : {}),
      ...(r.afterTask ? { after_task: r.afterTask } : {}), ...(r.threshold !== null ? { threshold: r.threshold } : {}),
    }));
  },
};
