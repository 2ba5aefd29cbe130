// npm run bench -- <name>: runs test/bench/<name>.ts (a script, not a test) and prints its figures.
const name = process.argv[2];
const benches: Record<string, () => Promise<{ run(): Promise<unknown> }>> = {
  scheduler: () => import('./scheduler.js'),
  broadcast: () => import('./broadcast.js'),
};
const load = name ? benches[name] : undefined;
if (!load) {
  console.error(`usage: npm run bench -- <${Object.keys(benches).join('|')}>`);
  process.exitCode = 2;
} else {
  await (await load()).run();
}
