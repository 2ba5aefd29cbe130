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
