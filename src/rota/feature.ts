import type { Feature } from '../handler.js';
import './merge.js';
import './plan-section.js';
import { absenceCommands } from './absence.js';
import { calendarCommands } from './calendar.js';
import { claimButtons, claimCommands } from './claim.js';
import { shareCommands } from './fairshare.js';
import { taskButtons, taskCommands } from './tasks-chat.js';
import { rotaTextHandler } from './freetext.js';
import { offerButtons, offerCommands } from './offers.js';
import { turnButtons, turnCommands } from './turns.js';
import { viewButtons, viewCommands } from './view.js';
import { underQuestion } from './question.js';
import { wizardButtons, wizardCommands, wizardTextHandler } from './wizard.js';

/** Actions that also appear under a question (see question.ts). */
const QUESTION_VERBS = new Set(['rota:c', 'rota:r', 'rota:g', 'rota:s', 'rota:d', 'rota:dc', 'rota:m']);

export const rotaFeature: Feature = {
  name: 'rota',
  commands: [...viewCommands, ...claimCommands, ...turnCommands, ...offerCommands, ...absenceCommands, ...shareCommands, ...calendarCommands, ...taskCommands, ...wizardCommands],
  buttons: [...viewButtons, ...claimButtons, ...turnButtons, ...offerButtons, ...taskButtons, ...wizardButtons,
    ...[...claimButtons, ...turnButtons, ...offerButtons].filter((b) => QUESTION_VERBS.has(b.prefix)).map(underQuestion)],
  // The guided /taak nieuw takes its coordinator's next message before the rota parser sees it.
  text: [wizardTextHandler, rotaTextHandler],
};
