import { sql } from 'drizzle-orm';
import type { Capability } from '../capability.js';
import type { Ctx } from '../handler.js';
import { beheerplan } from '../i18n/messages/beheerplan.js';
import { beheerplanAdminDef } from './admin.js';
import { cancelImport, confirmImport, exportCommand, pendingScope, planAttachment, receivePlan } from './chat.js';

/** Claims messages that carry a plan file; everything else passes on. */
async function onPlanFile(ctx: Ctx) {
  const file = planAttachment(ctx);
  return file ? receivePlan(ctx, file) : null;
}

export const beheerplanCapability: Capability = {
  name: 'beheerplan',
  admin: [beheerplanAdminDef],
  messages: [beheerplan],
  merge: [{
    columns: ['beheerplan_versions.imported_by'],
    run: async (tx, from, into) => { await tx.execute(sql`update beheerplan_versions set imported_by = ${into} where imported_by = ${from}`); },
  }],
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
