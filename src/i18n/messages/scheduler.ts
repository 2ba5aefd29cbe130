import { defineMessages } from '../define.js';

/** Operator commands for the scheduler (npm run admin -- scheduler …). */
export const schedulerMessages = defineMessages({
  'scheduler.admin.usage': {
    nl: 'Gebruik: npm run admin -- scheduler missed | scheduler failed',
    en: 'Usage: npm run admin -- scheduler missed | scheduler failed',
  },
  'scheduler.admin.line': {
    nl: '#{id} {key}: gepland {due}, {state} ({outcome}) {error}',
    en: '#{id} {key}: due {due}, {state} ({outcome}) {error}',
  },
  'scheduler.admin.none': { nl: 'Niets gevonden.', en: 'Nothing found.' },
});

/** Rota reminders sent by the scheduler (wired to the rota capability through RotaPort). */
export const rotaReminderMessages = defineMessages({
  'scheduler.rota.remindClaimant': {
    nl: '🔔 Herinnering: {task} staat voor jou op {when}.',
    en: '🔔 Reminder: {task} is yours on {when}.',
  },
  'scheduler.rota.openCall': {
    nl: '🙋 {task} op {when} heeft nog {missing, plural, one {# helper} other {# helpers}} nodig. Wie pakt het op?',
    en: '🙋 {task} on {when} still needs {missing, plural, one {# helper} other {# helpers}}. Who takes it?',
  },
  'scheduler.rota.claimButton': { nl: 'Ik doe het', en: 'I\'ll do it' },
  'scheduler.rota.askDone': { nl: 'Is {task} van {when} gelukt?', en: 'Did {task} on {when} get done?' },
  'scheduler.rota.doneButton': { nl: 'Ja, gedaan ✓', en: 'Yes, done ✓' },
  'scheduler.rota.notDoneButton': { nl: 'Nee', en: 'No' },
  'scheduler.rota.autoAssigned': {
    nl: '📌 Niemand had {task} op {when} opgepakt, dus die staat nu op jouw naam. Lukt het niet? Druk op Vrijgeven of Weggeven.',
    en: '📌 Nobody had taken {task} on {when}, so it is now yours. Can\'t make it? Press Release or Give away.',
  },
});
