import { announcementsCapability } from './announcements/feature.js';
import { beheerplanCapability } from './beheerplan/feature.js';
import type { Capability } from './capability.js';
import { outboxCapability } from './outbox/capability.js';
import { pollsCapability } from './polls/feature.js';
import { reportsCapability } from './reports/feature.js';
import { rotaCapability } from './rota/feature.js';
import { schedulerCapability } from './scheduler/capability.js';
import { loansCapability } from './loans/feature.js';
import { cancelCapability } from './tenancy/cancel.js';
import { fallbackCapability } from './tenancy/fallback.js';
import { tenancyCapability } from './tenancy/feature.js';

/**
 * Every capability the bot has, read by the bot, the scheduler, the admin command line and the
 * tests. Order decides which free-text handler sees a message first. Adding a capability is its
 * own folder plus one line here.
 */
const general = [tenancyCapability, beheerplanCapability];
const flows: readonly Capability[] = [
  // Loans first: "mag ik de maaier lenen" is no "Gras maaien" turn, and "ik breng de maaier terug, hij is
  // kapot" is a return (the loan parser takes only text naming an item with a loan word). Reports before the
  // rota: answers to the bot's report questions must not be read as rota talk.
  loansCapability, reportsCapability, rotaCapability, announcementsCapability, pollsCapability,
  schedulerCapability, outboxCapability,
];
const main = [...general, ...flows];

// "stop" / /annuleer before the flows, so it ends the questions they keep open instead of answering them
// (and in the help among the general commands). Last: answers addressed text that no capability above
// took, offering their quick actions.
export const capabilities: readonly Capability[] = [...general, cancelCapability(main), ...flows, fallbackCapability(main)];
