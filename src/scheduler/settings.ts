import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { reminderSettings } from '../db/schema/index.js';
import { remindersSchema, type Beheerplan } from '../beheerplan/schema.js';
import type { SectionOwner } from '../beheerplan/sections.js';

export type ReminderSettings = NonNullable<Beheerplan['reminders']>;

/** The defaults of the beheerplan `reminders` section. */
export const DEFAULT_REMINDERS: ReminderSettings = remindersSchema.parse({});

export async function getReminderSettings(db: Db, complexId: number): Promise<ReminderSettings> {
  const [row] = await db.select().from(reminderSettings).where(eq(reminderSettings.complexId, complexId));
  return { ...DEFAULT_REMINDERS, ...(row?.settings ?? {}) };
}

/** The beheerplan `reminders` section: stored per complex; a plan without it resets to the defaults. */
export const remindersSection: SectionOwner<'reminders'> = {
  section: 'reminders',
  async apply(tx, value, ctx) {
    if (!value) {
      await tx.delete(reminderSettings).where(eq(reminderSettings.complexId, ctx.complexId));
      return;
    }
    await tx.insert(reminderSettings).values({ complexId: ctx.complexId, settings: { ...value } })
      .onConflictDoUpdate({ target: reminderSettings.complexId, set: { settings: { ...value } } });
  },
  async read(db, complexId) {
    const [row] = await db.select().from(reminderSettings).where(eq(reminderSettings.complexId, complexId));
    return row ? remindersSchema.parse(row.settings) : undefined;
  },
};
