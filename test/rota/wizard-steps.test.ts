import { describe, expect, it } from 'vitest';
import { applyAnswer, parseClock, taskInput, type WizardState } from '../../src/rota/wizard-steps.js';

const at = (step: WizardState['step'], extra: Partial<WizardState> = {}): WizardState => ({ chat: 'fake:g1', step, ...extra });

describe('wizard steps (pure)', () => {
  it('reads clock times people type', () => {
    expect(['9:30', '09.30', '9', '19 uur', '7u', '23:59'].map(parseClock)).toEqual(['09:30', '09:30', '09:00', '19:00', '07:00', '23:59']);
    expect(['24:00', '9:60', 'half tien', '', '9:3'].map(parseClock)).toEqual([null, null, null, null, null]);
  });

  it('moves on only with a valid answer and keeps the question on a wrong one', () => {
    expect(applyAnswer(at('name'), { kind: 'typed', text: '  Trap   vegen ' })).toEqual({ state: at('rule', { name: 'Trap vegen' }) });
    expect(applyAnswer(at('name'), { kind: 'typed', text: '/rooster' })).toMatchObject({ error: { key: 'rota.wizard.badName' }, state: at('name') });
    expect(applyAnswer(at('rule'), { kind: 'button', value: '1sa' })).toEqual({ state: at('time', { recurrence: 'eerste zaterdag van de maand' }) });
    expect(applyAnswer(at('rule'), { kind: 'button', value: 'other' })).toEqual({ state: at('rule', { typing: true }) });
    expect(applyAnswer(at('rule', { typing: true }), { kind: 'typed', text: 'soms' })).toMatchObject({ error: { key: 'rota.wizard.badRule' }, state: { step: 'rule' } });
    expect(applyAnswer(at('rule', { typing: true }), { kind: 'typed', text: 'FREQ=MONTHLY;BYDAY=-1SA' })).toEqual({ state: at('time', { recurrence: 'FREQ=MONTHLY;BYDAY=-1SA' }) });
    expect(applyAnswer(at('time'), { kind: 'button', value: '1900' })).toEqual({ state: at('people', { time: '19:00' }) });
    expect(applyAnswer(at('people'), { kind: 'typed', text: '0' })).toMatchObject({ error: { key: 'rota.wizard.badNumber' }, state: at('people') });
    expect(applyAnswer(at('points'), { kind: 'typed', text: '0' })).toEqual({ state: at('confirm', { points: 0 }) });
    expect(applyAnswer(at('confirm'), { kind: 'typed', text: 'ja' })).toEqual({ state: at('confirm') });
  });

  it('gives a task only when every step is answered', () => {
    expect(taskInput(at('points', { name: 'Trap', recurrence: 'elke zaterdag', time: '10:00', people: 1 }))).toBeNull();
    expect(taskInput(at('confirm', { name: 'Trap', recurrence: 'elke zaterdag', time: '10:00', people: 1, points: 0 })))
      .toEqual({ name: 'Trap', recurrence: 'elke zaterdag', time: '10:00', durationMinutes: 60, people: 1, points: 0, paused: false });
  });
});
