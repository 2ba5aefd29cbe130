import { announcementRepingJob, announcementSendJob } from '../announcements/service.js';
import { pollJobs } from '../polls/jobs.js';
import { rotaPort } from '../rota/scheduler-port.js';
import type { JobKind } from './engine.js';
import { rotaJobs } from './jobs/rota.js';
import { registerCoreRetention, retentionJob } from './retention.js';

/** Every job kind this build runs. Loans and reports add theirs here when those capabilities exist. */
export function defaultJobs(opts: { nativePolls?: Set<string> } = {}): JobKind[] {
  registerCoreRetention();
  return [announcementSendJob, announcementRepingJob, ...pollJobs(opts), ...rotaJobs(rotaPort), retentionJob];
}
