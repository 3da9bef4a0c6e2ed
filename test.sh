#!/usr/bin/env bash
# Builds RemoteSupport with warnings as errors and runs every test project against a throw-away PostgreSQL.
# The last line is "N passed, N failed", summed over all test projects.
set -euo pipefail
cd "$(dirname "$0")"
root="$PWD"
source scripts/postgres.sh

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

pg_ensure_installed
if [ -x scripts/install-browser.sh ]; then scripts/install-browser.sh; fi

data="$root/.test-data/pg-$$"
port="$(free_port $((55432 + RANDOM % 3000)))"
# RS_KEEP_BUILD_SERVERS=1 leaves the compiler servers running (several checkouts building side by side share them).
cleanup() {
  pg_stop "$data"; rm -rf "$data"
  [ -n "${RS_KEEP_BUILD_SERVERS:-}" ] || dotnet build-server shutdown >/dev/null 2>&1 || true
}
trap cleanup EXIT
pg_start "$data" "$port" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
export TEST_DATABASE_SERVER="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true"

echo "Building (Release, warnings as errors)…"
dotnet tool restore >/dev/null
dotnet build RemoteSupport.sln -c Release -warnaserror -nologo -v quiet -clp:ErrorsOnly

passed=0; failed=0; status=0
for project in tests/*/; do
  name="$(basename "$project")"
  exe="$project/bin/Release/net10.0/$name"
  [ -x "$exe" ] || { echo "Missing test executable $exe" >&2; failed=$((failed + 1)); status=1; continue; }
  echo "== $name"
  log="$(mktemp)"
  set +e
  (cd "$project/bin/Release/net10.0" && "./$name" --no-progress --output detailed) 2>&1 | tee "$log" | grep -vE '^\s*(passed|skipped) ' || true
  code=${PIPESTATUS[0]}
  set -e
  # Microsoft.Testing.Platform closes with "total: N / failed: N / succeeded: N / skipped: N", one per line.
  summary="$(grep -E '^\s*total: [0-9]+' "$log" | tail -1)"
  p="$(grep -E '^\s*succeeded: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')"; p="${p:-0}"
  f="$(grep -E '^\s*failed: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')"; f="${f:-0}"
  s="$(grep -E '^\s*skipped: [0-9]+' "$log" | tail -1 | grep -oE '[0-9]+')"; s="${s:-0}"
  if [ "$s" != "0" ]; then echo "$name skipped $s test(s): skipping is not allowed." >&2; f=$((f + s)); fi
  if [ -z "$summary" ]; then echo "$name did not report a summary (exit $code)." >&2; f=$((f + 1)); fi
  passed=$((passed + p)); failed=$((failed + f))
  [ "$code" -ne 0 ] && status=1
  rm -f "$log"
done

[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed"
exit "$status"
