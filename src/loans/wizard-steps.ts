import { msg, type Msg } from '../i18n/index.js';
import type { ItemInput, ItemKind } from './store.js';

/**
 * The guided "/item nieuw" as a pure state machine (like the rota's "/taak nieuw"): name, kind,
 * place, loan length and approval, each answered by a button or typed text, then a preview.
 */

export const ITEM_STEPS = ['name', 'kind', 'location', 'hours', 'approval', 'confirm'] as const;
export type ItemStep = typeof ITEM_STEPS[number];

export interface ItemWizardState {
  /** 'platform:chatId' of the chat the flow runs in. */
  chat: string;
  step: ItemStep;
  name?: string; kind?: ItemKind; location?: string | null; hours?: number; approval?: boolean;
}

export const KIND_CHOICES: ItemKind[] = ['key', 'tool', 'supply'];
export const HOUR_CHOICES = [4, 24, 72, 168] as const;

export type ItemAnswer = { kind: 'button'; value: string } | { kind: 'typed'; text: string };
export type ItemStepResult = { state: ItemWizardState; error?: Msg };

function next(state: ItemWizardState, patch: Partial<ItemWizardState>): ItemStepResult {
  return { state: { ...state, ...patch, step: ITEM_STEPS[ITEM_STEPS.indexOf(state.step) + 1]! } };
}

/** "3 dagen", "48 uur", "2 days", "12" (hours) → hours; null when unreadable or out of range. */
export function parseHours(text: string): number | null {
  const m = /^(\d{1,3})\s*(uur|u|h|hours?|dag|dagen|d|days?|week|weken|weeks?)?$/i.exec(text.trim());
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'h').toLowerCase();
  const hours = /^(dag|dagen|d|days?)$/.test(unit) ? n * 24 : /^(week|weken|weeks?)$/.test(unit) ? n * 168 : n;
  return hours >= 1 && hours <= 30 * 24 ? hours : null;
}

export function applyItemAnswer(state: ItemWizardState, answer: ItemAnswer): ItemStepResult {
  const typed = answer.kind === 'typed' ? answer.text.trim() : null;
  const value = answer.kind === 'button' ? answer.value : null;
  switch (state.step) {
    case 'name':
      if (!typed || typed.length > 100 || typed.startsWith('/')) return { state, error: msg('loans.wizard.badName') };
      return next(state, { name: typed });
    case 'kind': {
      const kind = KIND_CHOICES.find((k) => k === value);
      return kind ? next(state, { kind }) : { state, error: msg('loans.wizard.pressButton') };
    }
    case 'location':
      if (value === 'skip') return next(state, { location: null });
      if (!typed || typed.length > 200) return { state, error: msg('loans.wizard.badLocation') };
      return next(state, { location: typed });
    case 'hours': {
      const hours = value ? parseHours(value) : typed ? parseHours(typed) : null;
      return hours ? next(state, { hours }) : { state, error: msg('loans.wizard.badHours') };
    }
    case 'approval':
      if (value === 'yes' || value === 'no') return next(state, { approval: value === 'yes' });
      return { state, error: msg('loans.wizard.pressButton') };
    case 'confirm':
      return { state, error: msg('loans.wizard.pressButton') };
  }
}

export function itemInput(state: ItemWizardState): ItemInput | null {
  if (!state.name || !state.kind || state.location === undefined || !state.hours || state.approval === undefined) return null;
  return { name: state.name, kind: state.kind, aliases: [], location: state.location, loanHours: state.hours, needsApproval: state.approval };
}
