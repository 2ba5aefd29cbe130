import { announcementsCapability } from './announcements/feature.js';
import { beheerplanCapability } from './beheerplan/feature.js';
import type { Capability } from './capability.js';
import { outboxCapability } from './outbox/capability.js';
import { pollsCapability } from './polls/feature.js';
import { rotaCapability } from './rota/feature.js';
import { schedulerCapability } from './scheduler/capability.js';
import { loansCapability } from './loans/feature.js';
import { fallbackCapability } from './tenancy/fallback.js';
import { tenancyCapability } from './tenancy/feature.js';

/**
 * Every capability the bot has, read by the bot, the scheduler, the admin command line and the
 * tests. Order decides which free-text handler sees a message first. Adding a capability is its
 * own folder plus one line here.
 */
const main: readonly Capability[] = [
  // Loans before the rota: "mag ik de maaier lenen" must not be read as claiming a "Gras maaien" turn.
  // The loan parser only takes text that names an item and a loan verb, so rota phrases pass on.
  tenancyCapability, beheerplanCapability, loansCapability, rotaCapability, announcementsCapability, pollsCapability,
  schedulerCapability, outboxCapability,
];

// Last: answers addressed text that no capability above took, offering their quick actions.
export const capabilities: readonly Capability[] = [...main, fallbackCapability(main)];
