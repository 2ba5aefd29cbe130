import type { Feature } from './handler.js';
import { beheerplanFeature } from './beheerplan/feature.js';
import { rotaFeature } from './rota/feature.js';
import { tenancyFeature } from './tenancy/feature.js';
import { announcementsFeature } from './announcements/feature.js';
import { pollsFeature } from './polls/feature.js';

/** Every capability the bot has; order decides which free-text handler gets a message first. */
export const features: Feature[] = [tenancyFeature, beheerplanFeature, rotaFeature, announcementsFeature, pollsFeature];
