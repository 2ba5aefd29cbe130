import type { Capability } from '../capability.js';
import { reportMessages } from '../i18n/messages/reports.js';
import { veraMessages } from '../i18n/messages/reports-vera.js';
import { reportButtons } from './actions.js';
import { assignButton } from './assign.js';
import { reportCommands, startButton } from './commands.js';
import { cancelDraft, draftButtons } from './flow.js';
import { reportForms } from './form.js';
import { reportTextHandler } from './freetext.js';
import { reportJobs } from './jobs.js';
import { reportsMerge } from './merge.js';
import { reportRetention } from './retention.js';
import { categoriesSection, escalationSection } from './settings.js';
import { slaAdmin } from './sla-admin.js';
import { veraAdmin } from './vera-admin.js';
import { veraJob } from './vera-handoff.js';

/** Reports (meldingen): reporting, "me too", triage, escalation to the corporation, SLA clock, VERA hand-off. */
export const reportsCapability: Capability = {
  name: 'reports',
  commands: reportCommands,
  buttons: [...reportButtons, ...draftButtons, startButton, assignButton],
  forms: reportForms,
  text: [reportTextHandler],
  cancel: cancelDraft,
  jobs: [...reportJobs(), veraJob()],
  admin: [veraAdmin, slaAdmin],
  sections: [categoriesSection, escalationSection],
  merge: [reportsMerge],
  messages: [reportMessages, veraMessages],
  retention: reportRetention,
  quickActions: [{ hint: 'reports.quick', button: { label: 'reports.quick.button', action: 'rep:new' } }],
};
