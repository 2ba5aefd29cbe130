import { announcementRepingJob, announcementSendJob } from '../announcements/service.js';
import { pollJobs } from '../polls/jobs.js';
import type { JobKind } from './engine.js';
import { registerCoreRetention, retentionJob } from './retention.js';

/** Every job kind this build runs. Rota, loans and reports add theirs here when they exist. */
export function defaultJobs(opts: { nativePolls?: Set<string> } = {}): JobKind[] {
  registerCoreRetention();
  return [announcementSendJob, announcementRepingJob, ...pollJobs(opts), retentionJob];
}
