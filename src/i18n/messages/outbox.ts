import { defineMessages } from '../define.js';

/** Operator commands for the outbox (npm run admin -- outbox …). */
export const outboxMessages = defineMessages({
  'outbox.admin.usage': {
    nl: 'Gebruik: npm run admin -- outbox dead | outbox retry <id> | outbox stats',
    en: 'Usage: npm run admin -- outbox dead | outbox retry <id> | outbox stats',
  },
  'outbox.admin.deadLine': {
    nl: '#{id} {platform} {target} ({key}, {created}): {attempts, plural, one {# poging} other {# pogingen}}, {error}',
    en: '#{id} {platform} {target} ({key}, {created}): {attempts, plural, one {# attempt} other {# attempts}}, {error}',
  },
  'outbox.admin.noneDead': { nl: 'Geen onbestelbare berichten.', en: 'No dead-lettered messages.' },
  'outbox.admin.retried': { nl: 'Bericht #{id} staat weer in de wachtrij.', en: 'Message #{id} queued again.' },
  'outbox.admin.notDead': {
    nl: 'Bericht #{id} bestaat niet of is niet onbestelbaar.',
    en: 'Message #{id} does not exist or is not dead-lettered.',
  },
  'outbox.admin.statsLine': { nl: '{state}: {count}', en: '{state}: {count}' },
});
