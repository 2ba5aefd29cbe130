import { capabilities } from '../../src/capabilities.js';
import { planSections } from '../../src/capability.js';

/** The beheerplan section owners of the real capability list. */
export const sections = planSections(capabilities);
