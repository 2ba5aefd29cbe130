import { msg, type Msg } from '../i18n/index.js';
import { toRRule } from './recurrence.js';
import type { TaskInput } from './tasks-store.js';

/**
 * The guided "/taak nieuw" as a pure state machine: each step takes a button value or typed text
 * and gives the next state, or an error that asks the same question again. The handlers
 * (wizard.ts) keep the state in pending_actions and turn states into messages.
 */

export const STEPS = ['name', 'rule', 'time', 'people', 'points', 'confirm'] as const;
export type Step = typeof STEPS[number];

export interface WizardState {
  /** 'platform:chatId' of the chat the flow runs in; only answers there count. */
  chat: string;
  step: Step;
  /** The coordinator pressed "Other…" and is asked to type. */
  typing?: boolean;
  name?: string; recurrence?: string; time?: string; people?: number; points?: number;
}

/** Recurrence buttons: value in the action → the text stored as the task's recurrence. */
export const RULE_CHOICES = {
  sa: 'elke zaterdag', su: 'elke zondag', '2sa': 'elke 2 weken op zaterdag', '1sa': 'eerste zaterdag van de maand',
} as const;
export const TIME_CHOICES = ['09:00', '10:00', '12:00', '19:00'] as const;
export const COUNT_CHOICES = [1, 2, 3] as const;
const LIMITS = { people: [1, 20], points: [0, 100] } as const;
/** What the flow does not ask: the same default as the one-line form. */
export const DEFAULT_DURATION_MINUTES = 60;

export type Answer = { kind: 'button'; value: string } | { kind: 'typed'; text: string };
export type StepResult = { state: WizardState } | { error: Msg; state: WizardState };

export function nextStep(step: Step): Step {
  return STEPS[Math.min(STEPS.indexOf(step) + 1, STEPS.length - 1)]!;
}

function advance(state: WizardState, patch: Partial<WizardState>): StepResult {
  const { typing: _typing, ...rest } = state;
  return { state: { ...rest, ...patch, step: nextStep(state.step) } };
}

/** "9:30", "09.30", "9", "19 uur" → "HH:MM"; null for anything else. */
export function parseClock(text: string): string | null {
  const m = /^(\d{1,2})(?:[:.](\d{2}))?\s*(?:u|uur|h)?$/i.exec(text.trim());
  if (!m) return null;
  const hh = Number(m[1]);
  const mm = Number(m[2] ?? '0');
  if (hh > 23 || mm > 59) return null;
  return `${String(hh).padStart(2, '0')}:${String(mm).padStart(2, '0')}`;
}

/** Applies one answer to the current step. Steps that were answered cannot be answered again. */
export function applyAnswer(state: WizardState, answer: Answer): StepResult {
  const typed = answer.kind === 'typed' ? answer.text.trim() : null;
  const value = answer.kind === 'button' ? answer.value : null;
  switch (state.step) {
    case 'name': {
      if (typed === null) return { state };
      if (!typed || typed.length > 100 || typed.startsWith('/')) return { error: msg('rota.wizard.badName'), state };
      return advance(state, { name: typed.replace(/\s+/g, ' ') });
    }
    case 'rule': {
      if (value === 'other') return { state: { ...state, typing: true } };
      if (value !== null) {
        const choice = RULE_CHOICES[value as keyof typeof RULE_CHOICES] as string | undefined;
        return choice ? advance(state, { recurrence: choice }) : { state };
      }
      const text = (typed ?? '').slice(0, 300);
      if (!toRRule(text)) return { error: msg('rota.wizard.badRule', { text }), state: { ...state, typing: true } };
      return advance(state, { recurrence: text });
    }
    case 'time': {
      if (value === 'other') return { state: { ...state, typing: true } };
      const time = parseClock(value !== null ? value.replace(/^(\d\d)(\d\d)$/, '$1:$2') : typed ?? '');
      if (!time) return { error: msg('rota.wizard.badTime', { text: typed ?? value ?? '' }), state: { ...state, typing: true } };
      return advance(state, { time });
    }
    case 'people':
    case 'points': {
      const [min, max] = LIMITS[state.step];
      const raw = value ?? typed ?? '';
      const n = /^\d{1,3}$/.test(raw) ? Number(raw) : NaN;
      if (!(n >= min && n <= max)) return { error: msg('rota.wizard.badNumber', { text: raw, min, max }), state };
      return advance(state, { [state.step]: n });
    }
    case 'confirm':
      return { state };
  }
}

/** The task the finished flow describes (null until every step is answered). */
export function taskInput(state: WizardState): TaskInput | null {
  const { name, recurrence, time, people, points } = state;
  if (!name || !recurrence || !time || people === undefined || points === undefined) return null;
  return { name, recurrence, time, durationMinutes: DEFAULT_DURATION_MINUTES, people, points, paused: false };
}
