// One schema module per area; drizzle-kit reads this index.
export * from './tenancy.js';
export * from './beheerplan.js';
export * from './rota.js';
