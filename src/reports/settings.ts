import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { complexes, corporationSla, reportSettings } from '../db/schema/index.js';
import { categorySchema, escalationSchema, REPORT_CATEGORIES } from '../beheerplan/schema.js';
import type { Beheerplan } from '../beheerplan/schema.js';
import type { SectionOwner } from '../beheerplan/sections.js';
import type { Clock } from './sla.js';

export type Category = (typeof REPORT_CATEGORIES)[number];
export type CategoryConfig = Beheerplan['categories'][number];
export type EscalationConfig = NonNullable<Beheerplan['escalation']>;

export interface ReportConfig {
  /** The categories residents choose from (the beheerplan's, or all when it lists none). */
  categories: Category[];
  escalation: EscalationConfig;
  byCategory: Map<string, CategoryConfig>;
  /** The corporation's own SLA per category ('*': its default), which goes before the beheerplan's. */
  corporationSla: Map<string, { acknowledge: number; resolve: number }>;
  clock: Clock;
}

/** Marks the corporation's SLA row that holds for every category without its own. */
export const ANY_CATEGORY = '*';

export const DEFAULT_ESCALATION: EscalationConfig = escalationSchema.parse({});

export function isCategory(value: string): value is Category {
  return (REPORT_CATEGORIES as readonly string[]).includes(value);
}

/** Reads the complex's report settings (defaults where the beheerplan says nothing). */
export async function reportConfig(db: Db, complexId: number): Promise<ReportConfig> {
  const [row] = await db.select().from(reportSettings).where(eq(reportSettings.complexId, complexId));
  const [complex] = await db.select({ timezone: complexes.timezone, corporationId: complexes.corporationId }).from(complexes).where(eq(complexes.id, complexId));
  const sla = complex?.corporationId ? await db.select().from(corporationSla).where(eq(corporationSla.corporationId, complex.corporationId)) : [];
  const any = sla.find((r) => r.category === ANY_CATEGORY);
  const corporationHours = any?.businessStart && any.businessEnd ? { start: any.businessStart, end: any.businessEnd } : null;
  const configured = categorySchema.array().safeParse(row?.categories ?? []);
  const list = configured.success ? configured.data : [];
  const parsed = escalationSchema.safeParse(row?.escalation ?? {});
  const escalation = parsed.success ? parsed.data : DEFAULT_ESCALATION;
  return {
    categories: list.length > 0 ? list.map((c) => c.category) : [...REPORT_CATEGORIES],
    escalation, byCategory: new Map(list.map((c) => [c.category, c])),
    corporationSla: new Map(sla.map((r) => [r.category, { acknowledge: r.acknowledgeHours, resolve: r.resolveHours }])),
    clock: { timezone: complex?.timezone ?? 'Europe/Amsterdam', businessHours: corporationHours ?? escalation.business_hours ?? null },
  };
}

/** Nuisance reports about neighbours are always private; a category may be made private too. */
export function forcedPrivate(config: ReportConfig, category: string): boolean {
  return category === 'nuisance' || config.byCategory.get(category)?.private === true;
}

/**
 * The SLA of a category: what the corporation promised for it (or for every category), else the
 * beheerplan's hours for the category, else the beheerplan's escalation section.
 */
export function slaHours(config: ReportConfig, category: string): { acknowledge: number; resolve: number } {
  const promised = config.corporationSla.get(category) ?? config.corporationSla.get(ANY_CATEGORY);
  if (promised) return promised;
  const c = config.byCategory.get(category);
  return {
    acknowledge: c?.sla_acknowledge_hours ?? config.escalation.sla_acknowledge_hours,
    resolve: c?.sla_resolve_hours ?? config.escalation.sla_resolve_hours,
  };
}

/** Hours without resolution after which a report escalates by itself; safety escalates at once (0). */
export function escalateAfterHours(config: ReportConfig, category: string): number {
  if (category === 'safety') return 0;
  return config.byCategory.get(category)?.escalate_after_hours ?? config.escalation.escalate_after_hours;
}

async function save(tx: Db, complexId: number, set: { categories?: unknown; escalation?: unknown }): Promise<void> {
  await tx.insert(reportSettings).values({ complexId, categories: set.categories ?? [], escalation: set.escalation ?? null })
    .onConflictDoUpdate({ target: reportSettings.complexId, set });
}

/** The beheerplan `categories` section: which categories residents choose from, and their rules. */
export const categoriesSection: SectionOwner<'categories'> = {
  section: 'categories',
  apply: (tx, value, ctx) => save(tx, ctx.complexId, { categories: value }),
  async read(db, complexId) {
    const [row] = await db.select().from(reportSettings).where(eq(reportSettings.complexId, complexId));
    const parsed = categorySchema.array().safeParse(row?.categories ?? []);
    return parsed.success ? parsed.data : [];
  },
};

/** The beheerplan `escalation` section: me-too threshold, escalation time, SLA and working hours. */
export const escalationSection: SectionOwner<'escalation'> = {
  section: 'escalation',
  apply: (tx, value, ctx) => save(tx, ctx.complexId, { escalation: value ?? null }),
  async read(db, complexId) {
    const [row] = await db.select().from(reportSettings).where(eq(reportSettings.complexId, complexId));
    if (!row?.escalation) return undefined;
    const parsed = escalationSchema.safeParse(row.escalation);
    return parsed.success ? parsed.data : undefined;
  },
};
