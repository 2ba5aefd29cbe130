// npm run bench [-- <name>]: runs test/bench/<name>.ts (a script, not a test), or all of them, and prints the figures.
const benches: Record<string, () => Promise<{ run(): Promise<unknown> }>> = {
  scheduler: () => import('./scheduler.js'),
  broadcast: () => import('./broadcast.js'),
  process: () => import('./process.js'),
  echo: () => import('./echo.js'),
};
const name = process.argv[2];
const names = name ? [name] : Object.keys(benches);
if (names.some((n) => !benches[n])) {
  console.error(`usage: npm run bench [-- <${Object.keys(benches).join('|')}>]`);
  process.exitCode = 2;
} else {
  for (const n of names) await (await benches[n]!()).run();
}
