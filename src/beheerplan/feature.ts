import type { Ctx, Feature } from '../handler.js';
import { cancelImport, confirmImport, exportCommand, pendingScope, planAttachment, receivePlan } from './chat.js';

/** Claims messages that carry a plan file; everything else passes on. */
async function onPlanFile(ctx: Ctx) {
  const file = planAttachment(ctx);
  return file ? receivePlan(ctx, file) : null;
}

export const beheerplanFeature: Feature = {
  name: 'beheerplan',
  commands: [{
    names: { nl: ['beheerplan'], en: ['plan'] },
    help: 'beheerplan.help',
    requires: 'coordinator',
    run: exportCommand,
  }],
  buttons: [
    { prefix: 'beheerplan:import', requires: 'complex', scope: pendingScope, run: confirmImport },
    { prefix: 'beheerplan:cancel', requires: 'complex', scope: pendingScope, run: cancelImport },
  ],
  text: [onPlanFile],
  // Unlinked groups skip text handlers; a plan sent there still deserves an answer.
  onEvent: onPlanFile,
};
