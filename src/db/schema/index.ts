// One schema module per area; drizzle-kit reads this index.
export * from './tenancy.js';
export * from './beheerplan.js';
export * from './rota.js';
export * from './outbox.js';
export * from './scheduler.js';
export * from './announcements.js';
export * from './polls.js';
export * from './reports.js';
export * from './loans.js';
