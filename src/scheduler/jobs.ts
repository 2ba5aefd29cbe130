import { announcementRepingJob, announcementSendJob } from '../announcements/service.js';
import type { JobKind } from './engine.js';
import { registerCoreRetention, retentionJob } from './retention.js';

/** Every job kind this build runs. Rota, loans and reports add theirs here when they exist. */
export function defaultJobs(): JobKind[] {
  registerCoreRetention();
  return [announcementSendJob, announcementRepingJob, retentionJob];
}
