import type { Capability } from '../capability.js';
import { reply } from '../handler.js';
import { msg } from '../i18n/index.js';
import { mention } from '../platform.js';
import { coordinatorsTextHandler } from './coordinators-text.js';
import { helpCommands } from './help.js';
import { languageButtons, languageCommands } from './language.js';
import { linkCommands, tenancyMerge } from './link.js';
import { tenancyRetention } from '../scheduler/retention.js';
import { core } from '../i18n/messages/core.js';
import { onboarding } from '../i18n/messages/onboarding.js';
import { admin } from '../i18n/messages/admin.js';
import { memberLeft } from './membership.js';
import { pruneCodeAttempts } from './code-attempts.js';
import { roleCommands } from './roles.js';
import { setupButtons, setupCommands } from './setup.js';

export const tenancyCapability: Capability = {
  name: 'tenancy',
  merge: [tenancyMerge],
  retention: [...tenancyRetention(), { name: 'code_attempts', run: pruneCodeAttempts }],
  messages: [core, onboarding, admin],
  commands: [...helpCommands, ...setupCommands, ...languageCommands, ...roleCommands, ...linkCommands],
  buttons: [...setupButtons, ...languageButtons],
  text: [coordinatorsTextHandler],
  async onEvent(ctx) {
    // Membership itself is recorded when the context is built; greet newcomers in linked groups.
    if (ctx.event.kind === 'member_joined' && ctx.complex && ctx.chat && !ctx.event.user.isBot) {
      return reply(msg('onboarding.welcome', { name: mention(ctx.event.user) }));
    }
    // The bot was added to a group that is not linked yet: explain the next step at once.
    if (ctx.event.kind === 'member_joined' && ctx.event.user.isBot && !ctx.chat && !ctx.event.chat.isDirect) {
      return reply(msg('onboarding.addedToGroup'));
    }
    // Leaving the last linked chat ends membership, the coordinator or liaison role, and calendar links.
    if (ctx.event.kind === 'member_left') return memberLeft(ctx);
    return null;
  },
};
