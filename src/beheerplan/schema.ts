import { z } from 'zod';

/**
 * The beheerplan file: a complex's tasks, items, report categories and escalation rules, polls and
 * reminder settings, as YAML or JSON. Keys are snake_case because people edit it by hand.
 * Unknown keys are errors (`strict`) so a typo is reported instead of silently ignored.
 * Each capability owns the meaning of its section (see `sections.ts`); this file owns its shape.
 */

const name = z.string().trim().min(1).max(100);
const hours = z.number().positive().max(24 * 365);
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

export const taskSchema = z.object({
  name,
  area: z.string().trim().max(100).optional(),
  description: z.string().max(2000).optional(),
  /** Other words residents use for the task, matched like its name. */
  aliases: z.array(z.string().trim().min(1).max(60)).max(20).optional()
    .describe('Andere woorden voor deze taak / other words for this task: ["kliko", "vuilnis"]'),
  /** RFC 5545 RRULE ("FREQ=WEEKLY;BYDAY=SA") or a simple Dutch/English form ("elke zaterdag"). */
  recurrence: z.string().trim().min(1).max(300)
    .describe('Wanneer / when: "elke zaterdag", "elke 2 weken op maandag" of een RRULE zoals FREQ=MONTHLY;BYDAY=1SA'),
  /** Time of day the task is due, in the complex's time zone. */
  time: timeOfDay.default('10:00').describe('Klaar om (UU:MM, tijdzone van het complex) / due at (HH:MM)'),
  duration_minutes: z.number().int().positive().max(24 * 60).default(60).describe('Geschatte duur in minuten / estimated minutes'),
  people: z.number().int().min(1).max(20).default(1).describe('Aantal bewoners nodig / people needed'),
  points: z.number().int().min(0).max(100).default(1).describe('Punten per keer / points per occurrence'),
  /** Assign unclaimed occurrences automatically this many hours before they are due. */
  auto_assign_hours_before: hours.optional()
    .describe('Nog niemand? Zoveel uur van tevoren iemand aanwijzen / assign automatically this many hours before'),
  paused: z.boolean().default(false).describe('Tijdelijk niet inplannen / temporarily not scheduled'),
}).strict();

export const itemSchema = z.object({
  name,
  aliases: z.array(z.string().trim().min(1).max(100)).max(20).default([]).describe('Andere namen / other names people use'),
  kind: z.enum(['key', 'tool', 'supply']).default('tool').describe('key = sleutel, tool = gereedschap, supply = voorraad'),
  location: z.string().trim().max(200).optional(),
  loan_hours: hours.default(24).describe('Na zoveel uur vragen of het terug is / ask for it back after this many hours'),
  needs_approval: z.boolean().default(false).describe('Een coördinator moet het uitlenen goedkeuren / a coordinator approves each loan'),
}).strict();

export const REPORT_CATEGORIES = ['cleaning', 'garden', 'maintenance', 'nuisance', 'safety', 'contractor', 'other'] as const;

export const categorySchema = z.object({
  category: z.enum(REPORT_CATEGORIES)
    .describe('cleaning = schoonmaak, garden = tuin, maintenance = onderhoud, nuisance = overlast, safety = veiligheid, contractor = aannemer, other = overig'),
  /** Escalate to the liaison after this long without resolution (safety always escalates at once). */
  escalate_after_hours: hours.optional().describe('Zonder oplossing na zoveel uur naar de corporatie / escalate after this many hours'),
  /** Nuisance reports are always private; other categories can be made private too. */
  private: z.boolean().optional().describe('Alleen zichtbaar voor coördinatoren / visible to coordinators only'),
  /** Overrides of the escalation section's SLA for this category. */
  sla_acknowledge_hours: hours.optional().describe('Corporatie bevestigt binnen zoveel uur (deze categorie) / liaison acknowledges within'),
  sla_resolve_hours: hours.optional().describe('Corporatie lost op binnen zoveel uur (deze categorie) / liaison resolves within'),
}).strict();

export const escalationSchema = z.object({
  me_too_threshold: z.number().int().min(1).max(1000).default(5).describe('Zoveel "ik ook" en de melding gaat door / this many "me too" escalate a report'),
  escalate_after_hours: hours.default(72),
  sla_acknowledge_hours: hours.default(24).describe('Corporatie bevestigt binnen zoveel uur / liaison acknowledges within'),
  sla_resolve_hours: hours.default(24 * 14).describe('Corporatie lost op binnen zoveel uur / liaison resolves within'),
  /** SLA hours count only on working days (Monday–Friday, not on Dutch public holidays) between these times. */
  business_hours: z.object({ start: timeOfDay, end: timeOfDay }).strict()
    .refine((b) => b.start < b.end, 'start_before_end').optional()
    .describe('Alleen werkuren tellen, bv. { start: "08:00", end: "17:00" } / count working hours only'),
  fixed_question_hours: hours.default(24).describe('Zoveel uur na "opgelost" vragen of het echt verholpen is / ask "is it fixed?" after'),
  /** Finished reports (closed, rejected, resolved) are deleted this long after they finished (AVG); 365 when absent. */
  closed_report_days: z.number().int().min(30).max(3650).optional()
    .describe('Afgehandelde meldingen zoveel dagen bewaren (standaard 365) / keep finished reports this many days (default 365)'),
}).strict();

export const pollSchema = z.object({
  name,
  question: z.string().trim().min(1).max(300),
  options: z.array(z.string().trim().min(1).max(100)).min(2).max(10),
  area: z.string().trim().max(100).optional(),
  /** RRULE or simple form ("elke eerste van de maand"); or `after_task` instead. */
  schedule: z.string().trim().min(1).max(300).optional().describe('Wanneer de peiling start (of gebruik after_task) / when the poll starts (or use after_task)'),
  after_task: z.string().trim().min(1).max(100).optional().describe('Start na deze taak (naam uit tasks) / start after this task'),
  time: timeOfDay.default('10:00'),
  window_hours: hours.default(72).describe('Zoveel uur open / open for this many hours'),
  /** An average score below this (options scored 1..n) opens a report for the coordinators. */
  threshold: z.number().min(0).max(10).optional().describe('Gemiddelde hieronder wordt een melding (antwoorden tellen 1..n) / an average below this opens a report'),
}).strict().refine((p) => (p.schedule === undefined) !== (p.after_task === undefined), {
  message: 'schedule_xor_after_task',
});

export const remindersSchema = z.object({
  before_due_hours: hours.default(24),
  open_call_days_before: z.number().int().min(0).max(60).default(3).describe('Oproep in de groep als nog niemand zich meldde / open call in the group'),
  ask_done_after_hours: hours.default(2),
  /** Releasing a claim closer than this to the due time tells the group the slot is open again. */
  release_window_hours: hours.default(48),
  loan_overdue_alert_hours: hours.default(48),
  announcement_reping_hours: hours.default(48),
}).strict();

/** Settings of the complex itself; absent fields are left as they are. */
export const complexSchema = z.object({
  name: name.optional(),
  timezone: z.string().describe('Bijvoorbeeld Europe/Amsterdam').refine((tz) => {
    try { new Intl.DateTimeFormat('en', { timeZone: tz }); return true; } catch { return false; }
  }, 'unknown_timezone').optional(),
  language: z.enum(['nl', 'en']).optional(),
}).strict();

export const beheerplanSchema = z.object({
  /** Lets editors find the JSON Schema; ignored on import and not stored. */
  $schema: z.string().optional(),
  version: z.literal(1).default(1),
  complex: complexSchema.default({}),
  tasks: z.array(taskSchema).max(500).default([]),
  items: z.array(itemSchema).max(500).default([]),
  categories: z.array(categorySchema).max(REPORT_CATEGORIES.length).default([]),
  escalation: escalationSchema.optional(),
  polls: z.array(pollSchema).max(200).default([]),
  reminders: remindersSchema.optional(),
}).strict().meta({
  title: 'Beheerplan',
  description: 'Tasks, items, report categories and escalation rules, polls and reminder settings of a complex (zelfbeheer-bot).',
});

/** The sections a capability can own, in file order. */
export const SECTION_NAMES = ['tasks', 'items', 'categories', 'escalation', 'polls', 'reminders'] as const;

export type Beheerplan = z.infer<typeof beheerplanSchema>;
export type BeheerplanInput = z.input<typeof beheerplanSchema>;
export type PlanTask = z.infer<typeof taskSchema>;
export type PlanItem = z.infer<typeof itemSchema>;
export type PlanPoll = z.infer<typeof pollSchema>;
