import type { Capability } from '../capability.js';
import { rota } from '../i18n/messages/rota.js';
import { rotaWizard } from '../i18n/messages/rota-wizard.js';
import { rotaReminderMessages } from '../i18n/messages/scheduler.js';
import { rotaJobs } from '../scheduler/jobs/rota.js';
import { handleCalendarRequest } from './calendar-http.js';
import { rotaMerge } from './merge.js';
import { tasksSection } from './plan-section.js';
import { rotaPort } from './scheduler-port.js';
import { listTasks } from './queries.js';
import { absenceButtons, absenceCommands } from './absence.js';
import { calendarCommands } from './calendar.js';
import { claimButtons, claimCommands } from './claim.js';
import { shareCommands } from './fairshare.js';
import { newTaskTextHandler, taskButtons, taskCommands } from './tasks-chat.js';
import { rotaTextHandler } from './freetext.js';
import { offerButtons, offerCommands } from './offers.js';
import { turnButtons, turnCommands } from './turns.js';
import { viewButtons, viewCommands } from './view.js';
import { underQuestion } from './question.js';
import { cancelWizard, wizardButtons, wizardTextHandler } from './wizard.js';
import { wizardFormButtons, wizardForms } from './wizard-form.js';

/** Actions that also appear under a question (see question.ts). */
const QUESTION_VERBS = new Set(['rota:c', 'rota:r', 'rota:g', 'rota:s', 'rota:d', 'rota:dc', 'rota:m']);

export const rotaCapability: Capability = {
  name: 'rota',
  jobs: rotaJobs(rotaPort),
  sections: [tasksSection],
  merge: [rotaMerge],
  messages: [rota, rotaWizard, rotaReminderMessages],
  complete: {
    // Names that start with what was typed first, then names that contain it.
    async task(db, complexId, typed) {
      const t = typed.trim().toLowerCase();
      const names = (await listTasks(db, complexId)).map((task) => task.name);
      return [...names.filter((n) => n.toLowerCase().startsWith(t)), ...names.filter((n) => !n.toLowerCase().startsWith(t) && n.toLowerCase().includes(t))];
    },
  },
  // iCalendar feeds of the rota (unguessable token URLs).
  http: [{ method: 'GET', path: '/calendar', handler: async (req, res, db) => {
    if (!(await handleCalendarRequest(req, res, db))) res.writeHead(404).end('not found');
  } }],
  commands: [...viewCommands, ...claimCommands, ...turnCommands, ...offerCommands, ...absenceCommands, ...shareCommands, ...calendarCommands, ...taskCommands],
  cancel: cancelWizard,
  buttons: [...viewButtons, ...claimButtons, ...absenceButtons, ...turnButtons, ...offerButtons, ...taskButtons, ...wizardButtons, ...wizardFormButtons,
    ...[...claimButtons, ...turnButtons, ...offerButtons].filter((b) => QUESTION_VERBS.has(b.prefix)).map(underQuestion)],
  forms: wizardForms,
  quickActions: [
    { hint: 'rota.quick', button: { label: 'rota.quick.view', action: 'rota:view', style: 'primary' } },
    { button: { label: 'rota.quick.mine', action: 'rota:mine' } },
  ],
  // The guided /taak nieuw takes its coordinator's next message before the rota parser sees it.
  text: [wizardTextHandler, newTaskTextHandler, rotaTextHandler],
};
