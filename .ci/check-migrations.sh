#!/usr/bin/env bash
# Migration drift check (`npm run db:check`): fails when src/db/schema and the committed
# migrations/ disagree. Works on temporary copies only; the work tree is never touched.
#  1. drizzle-kit generate against a copy of migrations/: any new file means the schema changed
#     without a committed migration.
#  2. drizzle-kit check: the committed snapshots are consistent (no collisions between branches).
#  3. The committed SQL, applied to an empty database, gives the same tables, columns, indexes and
#     constraints as SQL generated from the schema from scratch (catches hand-edited migrations).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kit="$root/node_modules/.bin/drizzle-kit"
work="$(mktemp -d "${TMPDIR:-/tmp}/zb-migcheck-XXXXXX")"
trap 'rm -rf "$work"' EXIT

# drizzle-kit prefixes `out` with './', so it runs inside the temporary directory.
write_config() { # <out dir relative to $work>
  cat > "$work/$1.config.ts" <<EOF
export default {
  dialect: 'postgresql',
  schema: '$root/src/db/schema/index.ts',
  out: './$1',
  casing: 'snake_case',
};
EOF
}

cp -R "$root/migrations" "$work/committed"
write_config committed
write_config fresh
mkdir -p "$work/fresh"

cd "$work"
before="$(find committed -type f | sort | xargs sha256sum)"
# No stdin: a rename question from drizzle-kit fails instead of waiting forever.
# drizzle-kit exits 0 even when it fails that way, so its output is checked too.
if ! timeout 300 "$kit" generate --config committed.config.ts --name drift_check < /dev/null > generate.log 2>&1 \
  || grep -q 'Error' generate.log; then
  cat generate.log >&2
  echo "db:check: drizzle-kit generate failed. If it wanted to ask about a rename, the schema has changed" >&2
  echo "without a migration: run  npx drizzle-kit generate --name <what-changed>  and commit migrations/." >&2
  exit 1
fi
after="$(find committed -type f | sort | xargs sha256sum)"
if [ "$before" != "$after" ]; then
  echo "db:check: the schema in src/db/schema differs from the committed migrations." >&2
  echo "Run: npx drizzle-kit generate --name <what-changed>  and commit migrations/. It would generate:" >&2
  diff <(echo "$before") <(echo "$after") >&2 || true
  find committed -name '*drift_check*.sql' -exec cat {} + >&2 || true
  exit 1
fi

if ! timeout 300 "$kit" check --config committed.config.ts < /dev/null > check.log 2>&1 || grep -q 'Error' check.log; then
  cat check.log >&2
  echo "db:check: drizzle-kit check found inconsistent migration snapshots." >&2
  exit 1
fi

if ! timeout 300 "$kit" generate --config fresh.config.ts --name from_scratch < /dev/null > fresh.log 2>&1 \
  || grep -q 'Error' fresh.log; then
  cat fresh.log >&2
  echo "db:check: drizzle-kit generate from scratch failed." >&2
  exit 1
fi
cd "$root"
"$root/node_modules/.bin/tsx" "$root/.ci/compare-migrations.ts" "$root/migrations" "$work/fresh"
echo "db:check: schema and migrations agree."
