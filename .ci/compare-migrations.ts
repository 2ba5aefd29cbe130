// Applies two migration folders to two empty PGlite databases and compares what they built:
// tables, columns, indexes, constraints and enums. Used by check-migrations.sh to catch a
// committed migration whose SQL was edited so it no longer matches the schema.
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';

const CATALOG_QUERIES = {
  column: `select table_name || '.' || column_name || ' ' || data_type || ' null=' || is_nullable
             || ' default=' || coalesce(column_default, '-') as line
           from information_schema.columns where table_schema = 'public'`,
  index: `select indexdef as line from pg_indexes where schemaname = 'public'`,
  constraint: `select c.conrelid::regclass::text || ' ' || c.conname || ' ' || pg_get_constraintdef(c.oid) as line
               from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = 'public'`,
  enum: `select t.typname || ' ' || string_agg(e.enumlabel, ',' order by e.enumsortorder) as line
         from pg_type t join pg_enum e on e.enumtypid = t.oid join pg_namespace n on n.oid = t.typnamespace
         where n.nspname = 'public' group by t.typname`,
};

async function catalogOf(migrationsFolder: string): Promise<Set<string>> {
  const pg = await PGlite.create();
  try {
    await migrate(drizzle(pg), { migrationsFolder });
    const lines = new Set<string>();
    for (const [kind, query] of Object.entries(CATALOG_QUERIES)) {
      const { rows } = await pg.query<{ line: string }>(query);
      for (const row of rows) lines.add(`${kind} ${row.line}`);
    }
    return lines;
  } finally {
    await pg.close();
  }
}

const [committedDir, freshDir] = process.argv.slice(2);
if (!committedDir || !freshDir) {
  console.error('usage: tsx .ci/compare-migrations.ts <committed migrations> <freshly generated migrations>');
  process.exit(2);
}
const committed = await catalogOf(committedDir);
const fresh = await catalogOf(freshDir);
const onlyCommitted = [...committed].filter((l) => !fresh.has(l)).sort();
const onlySchema = [...fresh].filter((l) => !committed.has(l)).sort();
if (onlyCommitted.length > 0 || onlySchema.length > 0) {
  console.error('db:check: the committed migrations build a different database than src/db/schema describes.');
  for (const l of onlyCommitted) console.error(`  only in committed migrations: ${l}`);
  for (const l of onlySchema) console.error(`  only in the schema:            ${l}`);
  process.exit(1);
}
console.log(`db:check: committed migrations build the schema exactly (${committed.size} catalog entries compared).`);
