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

export const rotaFeature: Feature = {
  name: 'rota',
  commands: [...viewCommands, ...claimCommands, ...turnCommands, ...offerCommands, ...absenceCommands, ...shareCommands, ...calendarCommands, ...taskCommands],
  buttons: [...viewButtons, ...claimButtons, ...turnButtons, ...offerButtons, ...taskButtons],
  text: [rotaTextHandler],
};
