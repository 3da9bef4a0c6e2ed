#!/usr/bin/env bash
# Restore drill with pgBackRest, on this one machine, loopback only (docs/operations.md):
#   a source PostgreSQL with continuous WAL archiving into a pgBackRest repository, the demo data, a full backup;
#   contacts recorded through the real pages (batch A), a point in time T, more contacts (batch B), a differential
#   backup; then two restores into fresh clusters: the latest state (backups + every archived WAL) and the point in
#   time T. Each is checked against the source: row counts of every table and the last journal entries.
# Stops everything it started. Installs its Debian packages with apt-get when missing (root).
# Options (environment): RS_APP_DIR=folder of an already published app; DRILL_KEEP=1 keeps the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
source scripts/postgres.sh
source scripts/drill/lib.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

drill_packages pgbackrest haproxy openssl curl python3
pg_ensure_installed
PGBIN="$(pg_bin)"

DRILL="$(mktemp -d /tmp/rs-restore-drill.XXXXXX)"
chmod 755 "$DRILL"; mkdir -p "$DRILL/app" "$DRILL/pg" "$DRILL/logs"; chown postgres:postgres "$DRILL/pg"
export DRILL
pg_dir="$DRILL/pg"
source_port="$(free_port $((49000 + RANDOM % 2000)))"
latest_port="$(free_port $((source_port + 1)))"
pitr_port="$(free_port $((latest_port + 1)))"
app_port="$(free_port $((pitr_port + 100)))"
lb_port="$(free_port $((app_port + 1)))"
conf="$pg_dir/pgbackrest.conf"

as_pg() { runuser -u postgres -- "$@"; }
sql() { "$PGBIN/psql" -h 127.0.0.1 -p "$1" -U postgres -d remotesupport -tAq -v ON_ERROR_STOP=1 -c "$2"; }
pgbr() { as_pg pgbackrest --config="$conf" --stanza=rs "$@"; }
pg_up() { # pg_up DATA PORT: starts a cluster, restored ones without archiving (they must not write into the source's repository)
  as_pg "$PGBIN/pg_ctl" -D "$1" -l "$pg_dir/$(basename "$1").log" -w -t 300 \
    -o "-c listen_addresses=127.0.0.1 -p $2 -k $pg_dir/sock ${3:-}" start >/dev/null
}

stop_all() {
  trap - EXIT INT TERM
  drill_log "Stopping everything the drill started…"
  drill_kill_all
  for d in pitr latest source; do
    [ -f "$pg_dir/$d/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$pg_dir/$d" -m fast -w stop >/dev/null 2>&1 || true
  done
  if [ -n "${DRILL_KEEP:-}" ]; then echo "Kept $DRILL"; else rm -rf "$DRILL"; fi
}
trap stop_all EXIT INT TERM

# Every table's row count and the last journal entries (id, time, digest of the text): what a restore must give back.
snapshot() {
  sql "$1" "SELECT string_agg(table_name || '=' || (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM public.%I', table_name), false, true, '')))[1]::text, E'\n' ORDER BY table_name)
            FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
  sql "$1" "SELECT string_agg('journal ' || \"Id\" || ' ' || to_char(\"At\" AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') || ' ' || md5(\"Description\"), E'\n' ORDER BY \"Id\" DESC)
            FROM (SELECT * FROM \"ActivityLog\" ORDER BY \"Id\" DESC LIMIT 5) last"
}

drill_log "Folder $DRILL; source :$source_port, restores :$latest_port (latest) :$pitr_port (point in time), app :$app_port, haproxy :$lb_port"
drill_publish "$DRILL/app" &
publish_pid=$!

drill_log "Source cluster with WAL archiving into pgBackRest…"
mkdir -p "$pg_dir/source" "$pg_dir/repo" "$pg_dir/log" "$pg_dir/lock" "$pg_dir/sock"; chown -R postgres:postgres "$pg_dir"; chmod 700 "$pg_dir/source"
cat > "$conf" <<CONF
[global]
repo1-path=$pg_dir/repo
repo1-retention-full=2
start-fast=y
log-path=$pg_dir/log
lock-path=$pg_dir/lock
log-level-console=warn
log-level-file=info

[rs]
pg1-path=$pg_dir/source
pg1-port=$source_port
pg1-socket-path=$pg_dir/sock
CONF
chown postgres:postgres "$conf"
as_pg "$PGBIN/initdb" -D "$pg_dir/source" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$pg_dir/source/postgresql.auto.conf" <<CONF
wal_level = replica
archive_mode = on
archive_command = 'pgbackrest --config=$conf --stanza=rs archive-push %p'
CONF
pg_up "$pg_dir/source" "$source_port"
"$PGBIN/psql" -h 127.0.0.1 -p "$source_port" -U postgres -d postgres -tAq \
  -c "CREATE ROLE remotesupport LOGIN PASSWORD 'remotesupport'" -c "CREATE DATABASE remotesupport OWNER remotesupport" >/dev/null
pgbr stanza-create
pgbr check

wait "$publish_pid"
cs="Host=127.0.0.1;Port=$source_port;Database=remotesupport;Username=remotesupport;Password=remotesupport"
drill_log "Migrations and demo data (seed-demo)…"
ConnectionStrings__Default="$cs" dotnet "$DRILL/app/RemoteSupport.Web.dll" seed-demo >"$DRILL/logs/seed.log" 2>&1

drill_log "Full backup…"
t0=$(date +%s.%N); pgbr backup --type=full; t1=$(date +%s.%N)
full_seconds=$(python3 -c "print(f'{$t1 - $t0:.1f}')")

# Jobs off: between the batches nothing but the drill writes, so the state at T is exactly known.
drill_app app "$app_port" "$cs" Jobs__Enabled=false
drill_wait_http "http://127.0.0.1:$app_port/health/ready" 90
drill_haproxy "$lb_port" "$app_port"
drill_wait_http "https://127.0.0.1:$lb_port/health/live" 30
write_batch() {
  python3 "$ROOT/scripts/drill/write_contacts.py" run --base "https://127.0.0.1:$lb_port" --email ts1.cd56@remotesupport.test \
    --password 'Demo!RemoteSupport2026' --marker "restore-$1" --out "$DRILL/batch-$1.jsonl" --threads 2 --pace 0.25 --seconds 8
  grep -c '"ok": true' "$DRILL/batch-$1.jsonl" || true
}
drill_log "Batch A: $(write_batch A) contacts acknowledged"
sleep 1
snapshot "$source_port" > "$DRILL/expected-at-T.txt"
target="$(sql "$source_port" "SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || '+00'")"
drill_log "Point in time T = $target"
sleep 1
drill_log "Batch B: $(write_batch B) contacts acknowledged"
drill_kill haproxy; drill_kill app
snapshot "$source_port" > "$DRILL/expected-latest.txt"
drill_log "Differential backup…"
t0=$(date +%s.%N); pgbr backup --type=diff; t1=$(date +%s.%N)
diff_seconds=$(python3 -c "print(f'{$t1 - $t0:.1f}')")
pgbr check   # switches to a new WAL segment and waits until it is archived: every write above is in the repository
repo_size="$(du -sh "$pg_dir/repo" | cut -f1)"
db_size="$(sql "$source_port" "SELECT pg_size_pretty(pg_database_size('remotesupport'))")"

restore() { # restore NAME PORT [pgbackrest restore options…]: prints seconds from restore to a promoted, writable cluster
  local name="$1" port="$2" t0 t1; shift 2
  mkdir -p "$pg_dir/$name"; chown postgres:postgres "$pg_dir/$name"; chmod 700 "$pg_dir/$name"
  t0=$(date +%s.%N)
  pgbr --pg1-path="$pg_dir/$name" restore "$@" >/dev/null
  pg_up "$pg_dir/$name" "$port" "-c archive_mode=off"
  for _ in $(seq 1 600); do [ "$(sql "$port" "SELECT pg_is_in_recovery()" 2>/dev/null)" = "f" ] && break; sleep 0.2; done
  t1=$(date +%s.%N)
  python3 -c "print(f'{$t1 - $t0:.1f}')"
}
check() { # check NAME PORT EXPECTED_FILE
  snapshot "$2" > "$DRILL/$1.txt"
  if diff -u "$3" "$DRILL/$1.txt" > "$DRILL/$1.diff"; then echo "identical"; else echo "DIFFERENT (see below)"; cat "$DRILL/$1.diff" >&2; return 1; fi
}

drill_log "Restore 1: the latest state (latest backup + archived WAL)…"
latest_seconds="$(restore latest "$latest_port")"
drill_log "Restore 2: point in time T…"
pitr_seconds="$(restore pitr "$pitr_port" --type=time "--target=$target" --target-action=promote)"

echo
echo "== Restore drill result (pgBackRest $(pgbackrest version | awk '{print $2}'), database $db_size, repository $repo_size)"
echo "backups                        : full in ${full_seconds} s, differential in ${diff_seconds} s"
pgbr info | sed -n '/full backup\|diff backup/p' | sed 's/^ */  /'
status=0
latest_result="$(check latest "$latest_port" "$DRILL/expected-latest.txt")" || status=1
pitr_result="$(check pitr "$pitr_port" "$DRILL/expected-at-T.txt")" || status=1
echo "latest state  : restored and promoted in ${latest_seconds} s; every table's row count and the last journal entries vs the source now: $latest_result"
echo "point in time : restored and promoted in ${pitr_seconds} s; every table's row count and the last journal entries vs the source at T: $pitr_result"
echo "journal at T  : $(grep -c '^journal' "$DRILL/expected-at-T.txt") last entries compared; ActivityLog rows at T $(grep '^ActivityLog=' "$DRILL/expected-at-T.txt" | cut -d= -f2), now $(grep '^ActivityLog=' "$DRILL/expected-latest.txt" | cut -d= -f2)"
echo "restored at T, rows of batch B (must be 0): $(sql "$pitr_port" "SELECT count(*) FROM \"ActivityLog\" WHERE \"Description\" LIKE '%restore-B-%'")"
exit "$status"
