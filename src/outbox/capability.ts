import type { Capability } from '../capability.js';
import { outboxMessages } from '../i18n/messages/outbox.js';
import { outboxRetention } from '../scheduler/retention.js';
import { outboxAdmin } from './admin.js';

/** Durable delivery: its admin commands (dead letters, retry, stats) and the clean-up of sent rows. */
export const outboxCapability: Capability = {
  name: 'outbox',
  admin: [outboxAdmin],
  retention: outboxRetention(),
  messages: [outboxMessages],
};
