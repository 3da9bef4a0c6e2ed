#!/usr/bin/env bash
# Measures "Ma file active" (/Persons) and a person's page (/Persons/Details/{id}) of the Release build against a
# raw-Npgsql baseline (bench/RemoteSupport.Bench.Baseline) rendering the same rows, in the same run, on loopback.
# Method and figures: docs/performance.md.
#
#   bench/run-benchmark.sh                      # 10 s per measure, 16 connections, 2 threads, 1 round
#   ROUNDS=3 DURATION=10 bench/run-benchmark.sh
#   BASELINE_PLAN_EACH_RUN=1 bench/run-benchmark.sh  # the baseline with the Npgsql settings both sides had until 2026-11-30
#
# Everything it starts (PostgreSQL, the app, the baseline) is stopped at the end, and the database is deleted.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
source scripts/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

DURATION="${DURATION:-10}"
CONNECTIONS="${CONNECTIONS:-16}"
THREADS="${THREADS:-2}"
ROUNDS="${ROUNDS:-1}"
WARMUP="${WARMUP:-30}"
WORKER="${WORKER:-ts1.cd56@remotesupport.test}"
PASSWORD="Demo!RemoteSupport2026" # the documented demo password (README), demo data only

work="$root/.test-data/bench-$$"
out="$root/bench/out"
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  pg_stop "$work/pg"
  rm -rf "$work"
}
trap cleanup EXIT

# --- load generator ---------------------------------------------------------------------------------------------
tool=""
if ! command -v wrk >/dev/null && ! command -v hey >/dev/null && [ "$(id -u)" = "0" ]; then
  echo "Installing wrk with apt-get…"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hey >/dev/null 2>&1 || true
fi
if command -v wrk >/dev/null; then tool=wrk; elif command -v hey >/dev/null; then tool=hey; else
  echo "Neither wrk nor hey is installed (apt-get install -y wrk)." >&2; exit 1
fi

# --- database with the demo data ----------------------------------------------------------------------------------
pg_ensure_installed
mkdir -p "$work"
pg_port="$(free_port $((56432 + RANDOM % 2000)))"
pg_start "$work/pg" "$pg_port" "${PG_OPTS:-}"
"$(pg_bin)/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d postgres -qc "CREATE DATABASE remotesupport_bench" >/dev/null
export ConnectionStrings__Default="Host=127.0.0.1;Port=$pg_port;Database=remotesupport_bench;Username=postgres"

echo "Publishing the app and the baseline (Release)…"
dotnet publish src/RemoteSupport.Web -c Release -o "$out/web" -nologo -v quiet -clp:ErrorsOnly
dotnet publish bench/RemoteSupport.Bench.Baseline -c Release -o "$out/baseline" -nologo -v quiet -clp:ErrorsOnly

echo "Seeding the demo data…"
(cd "$out/web" && dotnet RemoteSupport.Web.dll seed-demo >"$work/seed.log" 2>&1) || { cat "$work/seed.log" >&2; exit 1; }

# --- the two servers ----------------------------------------------------------------------------------------------
app_port="$(free_port $((45000 + RANDOM % 2000)))"
(cd "$out/web" && exec env ASPNETCORE_ENVIRONMENT=Production ReverseProxy__SecureCookies=SameAsRequest dotnet RemoteSupport.Web.dll --urls "http://127.0.0.1:$app_port") >"$work/app.log" 2>&1 &
app_pid=$!
pids+=($app_pid)
base_port="$(free_port $((app_port + 1)))"
(cd "$out/baseline" && exec env Bench__WorkerEmail="$WORKER" dotnet RemoteSupport.Bench.Baseline.dll --urls "http://127.0.0.1:$base_port") >"$work/baseline.log" 2>&1 &
base_pid=$!
pids+=($base_pid)
app="http://127.0.0.1:$app_port"
base="http://127.0.0.1:$base_port"

wait_for() {
  local url="$1" i
  for i in $(seq 1 120); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$url" || true)" = "200" ] && return 0
    sleep 0.5
  done
  echo "$url did not answer; logs in $work" >&2; cat "$work"/*.log >&2; exit 1
}
wait_for "$app/health/live"
wait_for "$base/persons"

# --- sign in like a browser: the login form's antiforgery token and cookie, then the credentials ----------------
# A browser keeps the cookie the app renews after its once-a-minute security-stamp check; wrk replays one cookie
# and would make every request repeat that check. So a fresh sign-in precedes each measure of the app.
sign_in() {
  local jar="$work/cookies.txt" login token status
  rm -f "$jar"
  login="$(curl -s -c "$jar" -b "$jar" "$app/Account/Login")"
  token="$(grep -o '<input[^>]*__RequestVerificationToken[^>]*>' <<<"$login" | head -1 | sed -E 's/.*value="([^"]*)".*/\1/')"
  [ -n "$token" ] || { echo "No antiforgery token on the sign-in page." >&2; exit 1; }
  status="$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -c "$jar" -b "$jar" \
    --data-urlencode "Input.Email=$WORKER" --data-urlencode "Input.Password=$PASSWORD" \
    --data-urlencode "__RequestVerificationToken=$token" "$app/Account/Login")"
  case "$status" in 302*) ;; *) echo "Sign-in failed: $status" >&2; exit 1 ;; esac
  # Every cookie of the jar (the auth cookie may be split in chunks), as one Cookie header.
  cookie="$(awk -F '\t' 'NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep="; " }' "$jar")"
  grep -q 'rs.auth' <<<"$cookie" || { echo "No authentication cookie after sign-in." >&2; exit 1; }
}
sign_in

list_html="$(curl -s -H "Cookie: $cookie" "$app/Persons")"
person="$(grep -oE '/Persons/Details/[0-9a-f-]{36}' <<<"$list_html" | head -1 | sed 's#.*/##')"
[ -n "$person" ] || { echo "The caseload page shows no person: is the sign-in right?" >&2; exit 1; }
app_rows="$(grep -o '<tr>' <<<"$list_html" | wc -l)"; app_rows=$((app_rows - 1)) # minus the header row
base_rows="$(curl -s "$base/persons" | grep -o '<tr>' | wc -l)"; base_rows=$((base_rows - 1))
journal_rows="$(curl -s -H "Cookie: $cookie" "$app/Persons/Details/$person" | grep -c '<time ' || true)"
[ "$app_rows" = "$base_rows" ] || { echo "Row counts differ: app $app_rows, baseline $base_rows." >&2; exit 1; }

# --- measures -----------------------------------------------------------------------------------------------------
# CPU time (utime + stime, in clock ticks) of one process, and of the PostgreSQL cluster (postmaster and backends).
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
  local master sum=0 pid
  master="$(head -1 "$work/pg/postmaster.pid")"
  for pid in "$master" $(pgrep -P "$master"); do sum=$((sum + $(ticks "$pid"))); done
  echo "$sum"
}
hz="$(getconf CLK_TCK)"

# measure URL SECONDS PID [cookie] -> prints "rps p50 p99 cpu pg" (milliseconds; cpu and pg: CPU time per request of
# the server process PID and of PostgreSQL); refuses a run with errors or redirects.
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v/=1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v*=1000 } printf "%.2f", v }'; }
measure() {
  local url="$1" seconds="$2" pid="$3" header="${4:-}" result rps p50 p99 bad count cpu0 pg0 cpu pg
  cpu0="$(ticks "$pid")"; pg0="$(pg_ticks)"
  if [ "$tool" = wrk ]; then
    if [ -n "$header" ]; then result="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency -H "Cookie: $header" "$url")"
    else result="$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${seconds}s" --latency "$url")"; fi
    bad="$(grep -oE 'Non-2xx or 3xx responses: [0-9]+' <<<"$result" | grep -oE '[0-9]+$' || true)"
    [ -z "$bad" ] || { echo "$url: $bad failed responses" >&2; exit 1; }
    rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$result")"
    count="$(awk '/requests in/ { print $1 }' <<<"$result")"
    p50="$(awk '$1 == "50%" { print $2 }' <<<"$result" | to_ms)"
    p99="$(awk '$1 == "99%" { print $2 }' <<<"$result" | to_ms)"
  else
    if [ -n "$header" ]; then result="$(hey -z "${seconds}s" -c "$CONNECTIONS" -H "Cookie: $header" "$url")"
    else result="$(hey -z "${seconds}s" -c "$CONNECTIONS" "$url")"; fi
    grep -qE '^\s+\[200\]' <<<"$result" && ! grep -qE '^\s+\[[345][0-9][0-9]\]' <<<"$result" || { echo "$url: failed responses" >&2; exit 1; }
    rps="$(awk '/Requests\/sec:/ { printf "%.0f", $2 }' <<<"$result")"
    count="$(awk '/\[200\]/ { print $2 }' <<<"$result")"
    p50="$(awk '$1 == "50%" { printf "%.2f", $3 * 1000 }' <<<"$result")"
    p99="$(awk '$1 == "99%" { printf "%.2f", $3 * 1000 }' <<<"$result")"
  fi
  cpu="$(awk -v t=$(( $(ticks "$pid") - cpu0 )) -v n="$count" -v hz="$hz" 'BEGIN { printf "%.2f", t * 1000 / hz / n }')"
  pg="$(awk -v t=$(( $(pg_ticks) - pg0 )) -v n="$count" -v hz="$hz" 'BEGIN { printf "%.2f", t * 1000 / hz / n }')"
  echo "$rps $p50 $p99 $cpu $pg"
}

# The app must still answer 200 with the cookie (a redirect to sign-in would look like a fast page).
check() { [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$1")" = "200" ] || { echo "$1 no longer answers 200" >&2; exit 1; }; }
check "$app/Persons"; check "$app/Persons/Details/$person"

echo
echo "Tool: $tool, $THREADS threads, $CONNECTIONS connections, ${DURATION} s per measure after ${WARMUP} s of warm-up; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Worker $WORKER: $app_rows persons on \"Ma file active\" (and in the baseline table); the person page shows $journal_rows journal lines."
echo "Warming up…"
for url in "$base/persons" "$base/persons/$person"; do measure "$url" "$WARMUP" "$base_pid" >/dev/null; done
# Long enough for tiered compilation to reach its optimised code on a busy machine (measured: 20–30 s).
for url in "$app/Persons" "$app/Persons/Details/$person"; do sign_in; measure "$url" "$WARMUP" "$app_pid" "$cookie" >/dev/null; done

# One line per measure: throughput, latency, then CPU time per request of the server (app or baseline) and of PostgreSQL.
printf '\n%-5s  %-30s %8s %8s %8s %9s %8s   %s\n' round page "req/s" "p50 ms" "p99 ms" "cpu ms/r" "pg ms/r" "ratio app/baseline"
line() { printf '%-5s  %-30s %8s %8s %8s %9s %8s   %s\n' "$@"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
for round in $(seq 1 "$ROUNDS"); do
  read -r b1 b1p50 b1p99 b1cpu b1pg <<<"$(measure "$base/persons" "$DURATION" "$base_pid")"
  sign_in; read -r a1 a1p50 a1p99 a1cpu a1pg <<<"$(measure "$app/Persons" "$DURATION" "$app_pid" "$cookie")"
  read -r b2 b2p50 b2p99 b2cpu b2pg <<<"$(measure "$base/persons/$person" "$DURATION" "$base_pid")"
  sign_in; read -r a2 a2p50 a2p99 a2cpu a2pg <<<"$(measure "$app/Persons/Details/$person" "$DURATION" "$app_pid" "$cookie")"
  read -r b3 b3p50 b3p99 b3cpu b3pg <<<"$(measure "$base/persons/$person?trace=0" "$DURATION" "$base_pid")"
  [ -n "$b1" ] && [ -n "$a1" ] && [ -n "$b2" ] && [ -n "$a2" ] && [ -n "$b3" ] || { echo "A measure failed." >&2; exit 1; }
  line "$round" "baseline /persons" "$b1" "$b1p50" "$b1p99" "$b1cpu" "$b1pg"
  line "$round" "app /Persons" "$a1" "$a1p50" "$a1p99" "$a1cpu" "$a1pg" "$(ratio "$a1" "$b1")"
  line "$round" "baseline /persons/{id}" "$b2" "$b2p50" "$b2p99" "$b2cpu" "$b2pg"
  line "$round" "app /Persons/Details/{id}" "$a2" "$a2p50" "$a2p99" "$a2cpu" "$a2pg" "$(ratio "$a2" "$b2")"
  line "$round" "baseline, no access row" "$b3" "$b3p50" "$b3p99" "$b3cpu" "$b3pg"
done
sign_in; check "$app/Persons"
accesses="$("$(pg_bin)/psql" -h 127.0.0.1 -p "$pg_port" -U postgres -d remotesupport_bench -tAc 'SELECT count(*) FROM "PersonAccesses"')"
echo
echo "PersonAccess rows written during the run (app and baseline, one per opening of the file): $accesses"
echo "Load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
