/**
 * Rota defaults in one place. The reminder values mirror the beheerplan `reminders` section
 * (stored by the scheduler); rota functions take them as parameters with these defaults.
 */
export const ROTA_DEFAULTS = {
  /** How far ahead occurrences are generated. */
  horizonWeeks: 8,
  beforeDueHours: 24,
  openCallDaysBefore: 3,
  askDoneAfterHours: 2,
  /** Releasing closer than this to the due time tells the group the slot is open again. */
  releaseWindowHours: 48,
  /** Fair share is counted over this many days back. */
  fairShareDays: 90,
} as const;

export type ReminderSettings = {
  beforeDueHours: number;
  openCallDaysBefore: number;
  askDoneAfterHours: number;
  releaseWindowHours: number;
};
