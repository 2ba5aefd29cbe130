import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema and committed; `npm run db:generate -- --name <what>`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './migrations',
  casing: 'snake_case',
});
