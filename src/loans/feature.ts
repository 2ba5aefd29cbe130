import { and, isNotNull, lt } from 'drizzle-orm';
import type { Capability } from '../capability.js';
import { loans, loanWaitlist } from '../db/schema/index.js';
import { loanMessages } from '../i18n/messages/loans.js';
import { loanButtons } from './buttons.js';
import { loanCommands } from './commands.js';
import { loanTextHandler } from './freetext.js';
import { itemCommands } from './items-chat.js';
import { loanJobs } from './jobs.js';
import { loansMerge } from './merge.js';
import { itemsSection } from './plan-section.js';
import { reservationButtons, reservationCommands } from './reservations.js';
import { stickerPage } from './sticker.js';
import { listItems } from './store.js';
import { cancelItemWizard, itemWizardText } from './wizard.js';

/** How long returned loans (who borrowed what) are kept. */
export const LOAN_HISTORY_DAYS = 2 * 365;
const daysAgo = (now: Date, days: number) => new Date(now.getTime() - days * 86_400_000);

/** Keys, tools and supplies: items, check-out and return, hand-over, reservations, waitlist, stickers. */
export const loansCapability: Capability = {
  name: 'loans',
  commands: [...loanCommands, ...reservationCommands, ...itemCommands],
  buttons: [...loanButtons, ...reservationButtons],
  // The guided /item nieuw takes its coordinator's next message before the loan parser sees it.
  text: [itemWizardText, loanTextHandler],
  cancel: cancelItemWizard,
  jobs: loanJobs,
  sections: [itemsSection],
  merge: [loansMerge],
  messages: [loanMessages],
  retention: [
    { name: 'loan_history', run: async (db, now) =>
      (await db.delete(loans).where(and(isNotNull(loans.returnedAt), lt(loans.returnedAt, daysAgo(now, LOAN_HISTORY_DAYS)))).returning({ id: loans.id })).length },
    { name: 'loan_waitlist', run: async (db, now) =>
      (await db.delete(loanWaitlist).where(and(isNotNull(loanWaitlist.doneAt), lt(loanWaitlist.doneAt, daysAgo(now, 30)))).returning({ id: loanWaitlist.id })).length },
  ],
  http: [{ method: 'GET', path: '/item', handler: (req, res, db) => stickerPage(req, res, db) }],
  complete: {
    // Item names (and their aliases) that start with what was typed first, then those that contain it.
    async item(db, complexId, typed) {
      const t = typed.trim().toLowerCase();
      const items = await listItems(db, complexId);
      const hit = (i: (typeof items)[number], test: (n: string) => boolean) => [i.name, ...(i.aliases ?? [])].some((n) => test(n.toLowerCase()));
      const first = items.filter((i) => hit(i, (n) => n.startsWith(t)));
      return [...first, ...items.filter((i) => !first.includes(i) && hit(i, (n) => n.includes(t)))].map((i) => i.name);
    },
  },
  quickActions: [{ hint: 'loans.quick', button: { label: 'loans.quick.borrow', action: 'loan:list' } }],
};
