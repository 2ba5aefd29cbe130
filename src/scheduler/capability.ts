import type { Capability } from '../capability.js';
import { schedulerMessages } from '../i18n/messages/scheduler.js';
import { schedulerAdmin } from './admin.js';
import { schedulerRetention } from './retention.js';
import { remindersSection } from './settings.js';

/** The scheduler's own part: reminder settings (beheerplan `reminders`), its admin commands and bookkeeping. */
export const schedulerCapability: Capability = {
  name: 'scheduler',
  sections: [remindersSection],
  admin: [schedulerAdmin],
  retention: schedulerRetention(),
  messages: [schedulerMessages],
};
