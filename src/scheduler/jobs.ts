import { allJobs, retentionRules, type Capability } from '../capability.js';
import type { JobKind } from './engine.js';
import { retentionJob } from './retention.js';

/** Every job kind the capabilities declare, plus the daily clean-up that runs their retention rules. */
export function schedulerJobs(capabilities: readonly Capability[]): JobKind[] {
  return [...allJobs(capabilities), retentionJob(retentionRules(capabilities))];
}
