import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { HandledInfo } from '../bot.js';

export interface Metrics {
  registry: Registry;
  /** Pass as `onHandled` to createBot. */
  eventHandled(info: HandledInfo): void;
}

/** One registry per process (tests make their own): Node.js default metrics plus the bot's own. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const events = new Counter({
    name: 'zelfbeheer_inbound_events_total',
    help: 'Inbound chat events handled, by platform, kind and outcome (ok, user_error, error, duplicate, ignored).',
    labelNames: ['platform', 'kind', 'outcome'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'zelfbeheer_inbound_event_duration_seconds',
    help: 'Time to handle one inbound chat event, including sending the replies.',
    labelNames: ['platform', 'kind'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return {
    registry,
    eventHandled({ platform, kind, outcome, seconds }) {
      events.inc({ platform, kind, outcome });
      duration.observe({ platform, kind }, seconds);
    },
  };
}
