import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Button } from '../../platform.js';
import { chats, complexes, reminderSettings } from '../../db/schema/index.js';
import { DEFAULT_LANG, isLang, msg, type Lang } from '../../i18n/index.js';
import { enqueue, enqueueToPerson, personTarget } from '../../outbox/queue.js';
import type { Effect, EffectRow, JobKind } from '../engine.js';
import { DEFAULT_REMINDERS, type ReminderSettings } from '../settings.js';
import { localDate, zonedTime } from '../time.js';
import { formatLongDateTime } from '../../time/zone.js';
import { remindBatch } from './rota-batch.js';
import { slicer } from '../yield.js';

/** What the scheduler needs from the rota capability: a narrow port the rota module implements. */
export interface RotaOccurrence {
  id: number;
  complexId: number;
  taskName: string;
  dueAt: Date;
  claimantPersonIds: number[];
  /** The active claims of those people, in the same order. */
  claimIds: number[];
  peopleNeeded: number;
  done: boolean;
  cancelled: boolean;
  /** From the task: assign unclaimed occurrences this many hours before due (null: never). */
  autoAssignHoursBefore: number | null;
}

export interface RotaPort {
  /** Occurrences (any state) whose due time is in (from, to]. */
  occurrencesDueBetween(db: Db, from: Date, to: Date): Promise<RotaOccurrence[]>;
  /** Occurrences (any state) of auto-assigning tasks whose assignment time is in (from, to], due at most `maxLeadMs` after `to`. */
  autoAssignDueBetween(db: Db, from: Date, to: Date, maxLeadMs: number): Promise<RotaOccurrence[]>;
  getOccurrence(db: Db, id: number): Promise<RotaOccurrence | null>;
  getOccurrences(db: Db, ids: number[]): Promise<RotaOccurrence[]>;
  /** Assigns people to the open places of an occurrence (rota's fairness rule); returns who. */
  autoAssign(tx: Db, occurrenceId: number, now: Date): Promise<number[]>;
  /** The batches of complexes with active tasks (each a hundred or so complexes). */
  generationBatches(db: Db): Promise<number[]>;
  /** Generates the turns of one batch of complexes ahead from the task recurrences (idempotent). */
  generateBatch(db: Db, batch: number, now: Date): Promise<void>;
  /** Button action ids of the rota capability. */
  claimAction(occurrenceId: number): string;
  /** Buttons for a claimant under a reminder (done / release / give away). */
  claimantButtons(db: Db, occurrenceId: number, personId: number): Promise<Button[][]>;
  claimButtons(claimId: number): Button[][];
  doneAction(occurrenceId: number, done: boolean): string;
}

const HOUR = 3_600_000;
type Offset = (s: ReminderSettings, o: RotaOccurrence) => number | null;


/**
 * Effects at `dueAt + offset` for each occurrence. Complexes configure offsets in the beheerplan, so
 * the rota is asked once per distinct offset value, with the window shifted by it.
 */
function offsetJob(kind: string, offset: Offset, base: Omit<JobKind, 'kind' | 'due'>, port: RotaPort): JobKind {
  return {
    kind, ...base,
    async due(db, { from, to }) {
      const custom = await db.select().from(reminderSettings);
      const settingsOf = new Map(custom.map((r) => [r.complexId, { ...DEFAULT_REMINDERS, ...r.settings }]));
      const candidates = new Set<number>([DEFAULT_REMINDERS, ...settingsOf.values()].flatMap((s) => {
        const probe = offset(s, { autoAssignHoursBefore: null } as RotaOccurrence);
        return probe === null ? [] : [probe];
      }));
      const effects: Effect[] = [];
      const seen = new Set<string>();
      const pause = slicer();
      // Auto-assign offsets come from tasks: the rota selects those turns itself (lead times ≤ 14 days).
      const turnsOf = kind === 'rota:auto-assign'
        ? [() => port.autoAssignDueBetween(db, from, to, 14 * 24 * HOUR)]
        : [...candidates].map((shift) => () => port.occurrencesDueBetween(db, new Date(from.getTime() - shift), new Date(to.getTime() - shift)));
      for (const turns of turnsOf) {
        for (const o of await turns()) {
          await pause();
          const off = offset(settingsOf.get(o.complexId) ?? DEFAULT_REMINDERS, o);
          if (off === null) continue;
          const at = new Date(o.dueAt.getTime() + off);
          const key = `${kind}:${o.id}:${off / 60_000}`;
          if (at > from && at <= to && !seen.has(key)) {
            seen.add(key);
            effects.push({ key, dueAt: at, complexId: o.complexId, payload: { occurrenceId: o.id, occurrenceDueAt: o.dueAt.getTime() } });
          }
        }
      }
      return effects;
    },
  };
}

/** The due time written in the language the person reads. */
async function whenFor(db: Db, personId: number, platforms: string[], at: Date, tz: string, complexLang: Lang): Promise<string> {
  const target = await personTarget(db, personId, platforms, complexLang);
  return formatLongDateTime(at, tz, target?.lang ?? complexLang);
}

async function complexInfo(db: Db, complexId: number) {
  const [c] = await db.select().from(complexes).where(eq(complexes.id, complexId));
  return { tz: c?.timezone ?? 'Europe/Amsterdam', lang: (isLang(c?.language) ? c.language : DEFAULT_LANG) };
}

/** Missed rule of most rota effects: still useful while the task is not yet due. */
const beforeDue = (effect: EffectRow, now: Date) => (now.getTime() < Number(effect.payload.occurrenceDueAt) ? 'run' as const : 'skip' as const);

export function rotaJobs(port: RotaPort): JobKind[] {
  const occurrence = async (db: Db, effect: EffectRow) => port.getOccurrence(db, Number(effect.payload.occurrenceId));

  const remind = offsetJob('rota:remind', (s) => -s.before_due_hours * HOUR, {
    missedRule: 'sent late while the task is not yet due; skipped after that',
    missed: beforeDue,
    runBatch: remindBatch(port),
    async run(tx, effect, { now, platforms }) {
      const o = await occurrence(tx, effect);
      if (!o || o.cancelled || o.done || o.claimantPersonIds.length === 0 || now >= o.dueAt) return 'obsolete';
      const { tz, lang } = await complexInfo(tx, o.complexId);
      for (const personId of o.claimantPersonIds) {
        await enqueueToPerson(tx, { personId, platforms: [...platforms.keys()], key: `${effect.key}:${personId}`, complexLang: lang,
          body: [msg('scheduler.rota.remindClaimant', { task: o.taskName, when: await whenFor(tx, personId, [...platforms.keys()], o.dueAt, tz, lang) })],
          buttons: await port.claimantButtons(tx, o.id, personId) }, now);
      }
    },
  }, port);

  const openCall = offsetJob('rota:open-call', (s) => (s.open_call_days_before > 0 ? -s.open_call_days_before * 24 * HOUR : null), {
    missedRule: 'posted late while the task is not yet due and still has open places; skipped after that',
    missed: beforeDue,
    async run(tx, effect, { now }) {
      const o = await occurrence(tx, effect);
      const missing = o ? o.peopleNeeded - o.claimantPersonIds.length : 0;
      if (!o || o.cancelled || o.done || missing <= 0 || now >= o.dueAt) return 'obsolete';
      const { tz, lang } = await complexInfo(tx, o.complexId);
      const targets = await tx.select().from(chats).where(and(eq(chats.complexId, o.complexId), eq(chats.purpose, 'complex')));
      for (const chat of targets) {
        await enqueue(tx, { platform: chat.platform, to: { chatId: chat.platformChatId }, key: `${effect.key}:${chat.id}`, message: {
          lang, body: [msg('scheduler.rota.openCall', { task: o.taskName, when: formatLongDateTime(o.dueAt, tz, lang), missing })],
          buttons: [[{ label: msg('scheduler.rota.claimButton'), action: port.claimAction(o.id) }]],
        } }, now);
      }
    },
  }, port);

  const askDone = offsetJob('rota:ask-done', (s) => s.ask_done_after_hours * HOUR, {
    missedRule: 'asked late up to 24 hours after its time; skipped after that',
    missed: (effect, now) => (now.getTime() - effect.dueAt.getTime() <= 24 * HOUR ? 'run' : 'skip'),
    async run(tx, effect, { now, platforms }) {
      const o = await occurrence(tx, effect);
      if (!o || o.cancelled || o.done || o.claimantPersonIds.length === 0) return 'obsolete';
      const { tz, lang } = await complexInfo(tx, o.complexId);
      for (const personId of o.claimantPersonIds) {
        await enqueueToPerson(tx, { personId, platforms: [...platforms.keys()], key: `${effect.key}:${personId}`, complexLang: lang,
          body: [msg('scheduler.rota.askDone', { task: o.taskName, when: await whenFor(tx, personId, [...platforms.keys()], o.dueAt, tz, lang) })],
          buttons: [[{ label: msg('scheduler.rota.doneButton'), action: port.doneAction(o.id, true) },
            { label: msg('scheduler.rota.notDoneButton'), action: port.doneAction(o.id, false) }]] }, now);
      }
    },
  }, port);

  const autoAssign = offsetJob('rota:auto-assign', (_s, o) => (o.autoAssignHoursBefore ? -o.autoAssignHoursBefore * HOUR : null), {
    missedRule: 'assigned late while the task is not yet due; skipped after that',
    missed: beforeDue,
    async run(tx, effect, { now, platforms }) {
      const o = await occurrence(tx, effect);
      if (!o || o.cancelled || o.done || o.claimantPersonIds.length >= o.peopleNeeded || now >= o.dueAt) return 'obsolete';
      const { tz, lang } = await complexInfo(tx, o.complexId);
      for (const personId of await port.autoAssign(tx, o.id, now)) {
        await enqueueToPerson(tx, { personId, platforms: [...platforms.keys()], key: `${effect.key}:${personId}`, complexLang: lang,
          body: [msg('scheduler.rota.autoAssigned', { task: o.taskName, when: await whenFor(tx, personId, [...platforms.keys()], o.dueAt, tz, lang) })],
          buttons: await port.claimantButtons(tx, o.id, personId) }, now);
      }
    },
  }, port);

  /**
   * Occurrence generation, daily at midnight (Amsterdam), one effect per batch of complexes: each its
   * own short transaction (instances share the batches), so a catch-up never holds the turns of
   * every complex at once. Missed days run late (idempotent); only the newest missed day is needed.
   */
  const generate: JobKind = {
    kind: 'rota:generate',
    batchSize: 1,
    missedRule: 'always runs late (idempotent); after downtime only the newest missed day',
    missed: () => 'run',
    async due(db, { from, to }) {
      let last: { date: string; at: Date } | null = null;
      for (let d = from.getTime(); d <= to.getTime() + 86_400_000; d += 86_400_000) {
        const date = localDate(new Date(d), 'Europe/Amsterdam');
        const at = zonedTime(date, '00:00', 'Europe/Amsterdam');
        if (at > from && at <= to) last = { date, at };
      }
      if (!last) return [];
      const { date, at } = last;
      return (await port.generationBatches(db)).map((batch): Effect => ({ key: `rota:generate:${date}:${batch}`, dueAt: at, payload: { batch } }));
    },
    async run(tx, effect, { now }) {
      await port.generateBatch(tx, Number(effect.payload.batch), now);
    },
  };

  return [generate, remind, openCall, askDone, autoAssign];
}
