// Flat ESLint config kept in .ci/ so the top level stays as DESIGN.md §3 lists it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'migrations/**', 'dist/**', '.ci/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: new URL('..', import.meta.url).pathname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      // Files stay small: split by responsibility past 300 lines (a warning, not a gate).
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Domain code (capabilities, i18n, rules) never talks to a platform library, the cron library or a
    // database driver: platforms go through the ChatPlatform port, time through `now`, SQL through drizzle.
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts', 'src/platforms.ts', 'src/db/**', 'src/scheduler/start.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['telegraf', 'telegraf/*', 'discord.js', 'discord.js/*', '@discordjs/*'], message: 'Platform libraries belong in adapters/.' },
        { group: ['node-cron'], message: 'Only src/scheduler/start.ts wires node-cron; durable work lives in PostgreSQL.' },
        { group: ['postgres', '@electric-sql/pglite', '@electric-sql/pglite/*'], message: 'Database drivers belong in src/db/.' },
        { group: ['**/adapters/**'], message: 'The core knows platforms only through the ChatPlatform port.' },
      ] }],
    },
  },
  {
    // Adapters map platforms to the port; they do not reach into capabilities' tables or rules.
    files: ['adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [
        { group: ['**/src/rota/*', '**/src/polls/*', '**/src/announcements/*', '**/src/beheerplan/*'], message: 'Adapters use the port, not capabilities.' },
        { group: ['**/src/db/schema/*'], message: 'Adapters do not touch tables; call a query function.' },
        { group: ['node-cron'], message: 'Adapters do not schedule.' },
      ] }],
    },
  },
);
