import { describe, expect, it } from 'vitest';
import { checkTaskForm, taskForm } from '../../src/rota/wizard-form.js';
import { render } from '../../src/i18n/index.js';

const values = { name: 'Trap', rule: 'elke zaterdag', time: '9.30', people: '2', points: '0' };

describe('the task form (the wizard’s questions at once)', () => {
  it('answers that pass every step rule give the task fields, normalised as the stepwise flow does', () => {
    expect(checkTaskForm(values)).toEqual({ answers: { name: 'Trap', recurrence: 'elke zaterdag', time: '09:30', people: 2, points: 0 } });
  });

  it('each answer that does not fit is named, in field order, with the stepwise flow’s own message', () => {
    const checked = checkTaskForm({ ...values, name: '/trap', rule: 'af en toe', people: '0', points: '101' });
    expect('errors' in checked && checked.errors.map((m) => render('en', m))).toEqual([
      'Type a name of 1 to 100 characters, without a / at the start.',
      expect.stringContaining('af en toe'),
      '"0" does not fit: type a number from 1 to 20.',
      '"101" does not fit: type a number from 0 to 100.',
    ]);
  });

  it('empty answers are not accepted (a client that ignores required)', () => {
    const checked = checkTaskForm({ name: '', rule: '', time: '', people: '', points: '' });
    expect('errors' in checked && checked.errors).toHaveLength(5);
  });

  it('the form: five fields at most, labels within Discord’s 45 characters in both languages, earlier answers filled in', () => {
    const form = taskForm({ name: 'Trap', time: 'straks' });
    expect(form.fields).toHaveLength(5);
    for (const lang of ['nl', 'en'] as const) {
      for (const f of form.fields) expect(render(lang, f.label).length).toBeLessThanOrEqual(45);
      expect(render(lang, form.title).length).toBeLessThanOrEqual(45);
    }
    expect(form.fields.map((f) => f.value ?? '')).toEqual(['Trap', '', 'straks', '', '']);
  });
});
