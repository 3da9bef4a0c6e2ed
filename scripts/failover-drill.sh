#!/usr/bin/env bash
# Failover drill, on this one machine, without Docker, loopback only (docs/operations.md, ADR-0020):
#   pg_auto_failover monitor + primary + secondary (synchronous), two published app instances, haproxy (TLS) in front;
#   a demo worker records contacts through the real pages at a bounded pace while the primary is stopped;
#   prints acknowledged writes, rows stored, writes lost, seconds of unavailability and the errors clients saw.
# Stops everything it started. Installs its Debian packages with apt-get when missing (root).
# Options (environment): DRILL_SECONDS_BEFORE=15 DRILL_SECONDS_AFTER=25 DRILL_THREADS=2 DRILL_PACE=0.25
#   RS_APP_DIR=folder of an already published app (skips dotnet publish); DRILL_KEEP=1 keeps the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
source scripts/postgres.sh
source scripts/drill/lib.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

before="${DRILL_SECONDS_BEFORE:-15}"; after="${DRILL_SECONDS_AFTER:-25}"
threads="${DRILL_THREADS:-2}"; pace="${DRILL_PACE:-0.25}"

drill_packages postgresql-15-auto-failover haproxy openssl curl python3
pg_ensure_installed
PGBIN="$(pg_bin)"

DRILL="$(mktemp -d /tmp/rs-failover-drill.XXXXXX)"
chmod 755 "$DRILL"; mkdir -p "$DRILL/app" "$DRILL/pg" "$DRILL/logs"; chown postgres:postgres "$DRILL/pg"
export DRILL

monitor_port="$(free_port $((46000 + RANDOM % 2000)))"
node1_port="$(free_port $((monitor_port + 1)))"
node2_port="$(free_port $((node1_port + 1)))"
app1_port="$(free_port $((node2_port + 100)))"
app2_port="$(free_port $((app1_port + 1)))"
lb_port="$(free_port $((app2_port + 1)))"
monitor_uri="postgres://autoctl_node@127.0.0.1:$monitor_port/pg_auto_failover?sslmode=disable"

# pg_autoctl as the postgres user, its configuration and state inside the drill's folder.
autoctl() {
  runuser -u postgres -- env PATH="$PGBIN:$PATH" XDG_CONFIG_HOME="$DRILL/pg/config" XDG_DATA_HOME="$DRILL/pg/share" \
    XDG_RUNTIME_DIR="$DRILL/pg/run" pg_autoctl "$@"
}
monitor_sql() { "$PGBIN/psql" -h 127.0.0.1 -p "$monitor_port" -U autoctl_node -d pg_auto_failover -tAq -c "$1"; }
node_sql() { "$PGBIN/psql" -h 127.0.0.1 -p "$1" -U postgres -d remotesupport -tAq -v ON_ERROR_STOP=1 -c "$2"; }

stop_all() {
  trap - EXIT INT TERM
  drill_log "Stopping everything the drill started…"
  touch "$DRILL/stop"
  for n in app1 app2 haproxy load; do drill_kill "$n"; done
  for d in node2 node1 monitor; do [ -d "$DRILL/pg/$d" ] && autoctl stop --pgdata "$DRILL/pg/$d" --immediate >/dev/null 2>&1 || true; done
  drill_kill_all
  # Any postgres left behind by a node (its keeper gone first) is ours: stop it by its data folder.
  for d in node2 node1 monitor; do
    [ -f "$DRILL/pg/$d/postmaster.pid" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$DRILL/pg/$d" -m immediate stop >/dev/null 2>&1 || true
  done
  if [ -n "${DRILL_KEEP:-}" ]; then echo "Kept $DRILL"; else rm -rf "$DRILL"; fi
}
trap stop_all EXIT INT TERM

wait_state() { # wait_state NODE_NAME STATE SECONDS
  local i
  for i in $(seq 1 $(($3 * 2))); do
    [ "$(monitor_sql "SELECT reportedstate FROM pgautofailover.node WHERE nodename = '$1'" 2>/dev/null)" = "$2" ] && return 0
    sleep 0.5
  done
  echo "$1 did not reach $2 in $3 s" >&2; monitor_sql "SELECT nodename, reportedstate, goalstate FROM pgautofailover.node" >&2 || true; return 1
}

drill_log "Folder $DRILL; monitor :$monitor_port, node1 :$node1_port, node2 :$node2_port, apps :$app1_port :$app2_port, haproxy :$lb_port"
drill_publish "$DRILL/app" &
publish_pid=$!

drill_log "pg_auto_failover monitor…"
autoctl create monitor --pgdata "$DRILL/pg/monitor" --pgport "$monitor_port" --hostname 127.0.0.1 --auth trust --no-ssl >"$DRILL/logs/create-monitor.log" 2>&1
drill_spawn monitor runuser -u postgres -- env PATH="$PGBIN:$PATH" XDG_CONFIG_HOME="$DRILL/pg/config" XDG_DATA_HOME="$DRILL/pg/share" \
  XDG_RUNTIME_DIR="$DRILL/pg/run" pg_autoctl run --pgdata "$DRILL/pg/monitor"
for _ in $(seq 1 60); do monitor_sql "SELECT 1" >/dev/null 2>&1 && break; sleep 0.5; done
# Faster failure detection than the defaults (health checks every 5 s, unhealthy after 20 s, then 30 s for the old
# primary to demote itself): settings of the monitor. A shorter demote timeout is safe with synchronous replication:
# a primary cut off from its standby cannot acknowledge a write (docs/operations.md).
# (each -c is its own transaction: ALTER SYSTEM refuses to run inside one)
runuser -u postgres -- "$PGBIN/psql" -h 127.0.0.1 -p "$monitor_port" -d pg_auto_failover -tAq \
  -c "ALTER SYSTEM SET pgautofailover.health_check_period = 1000" \
  -c "ALTER SYSTEM SET pgautofailover.health_check_timeout = 1000" \
  -c "ALTER SYSTEM SET pgautofailover.health_check_max_retries = 1" \
  -c "ALTER SYSTEM SET pgautofailover.health_check_retry_delay = 500" \
  -c "ALTER SYSTEM SET pgautofailover.node_considered_unhealthy_timeout = 4000" \
  -c "ALTER SYSTEM SET pgautofailover.primary_demote_timeout = 5000" \
  -c "SELECT pg_reload_conf()" >/dev/null

for n in 1 2; do
  port_var="node${n}_port"
  drill_log "Node $n (port ${!port_var})…"
  autoctl create postgres --pgdata "$DRILL/pg/node$n" --pgport "${!port_var}" --hostname 127.0.0.1 --name "node$n" \
    --dbname remotesupport --auth trust --no-ssl --monitor "$monitor_uri" >"$DRILL/logs/create-node$n.log" 2>&1
  drill_spawn "node$n" runuser -u postgres -- env PATH="$PGBIN:$PATH" XDG_CONFIG_HOME="$DRILL/pg/config" XDG_DATA_HOME="$DRILL/pg/share" \
    XDG_RUNTIME_DIR="$DRILL/pg/run" pg_autoctl run --pgdata "$DRILL/pg/node$n"
  if [ "$n" = 1 ]; then wait_state node1 single 90; else wait_state node2 secondary 120; wait_state node1 primary 30; fi
done
drill_log "Formation: $(monitor_sql "SELECT string_agg(nodename || ' ' || reportedstate, ', ' ORDER BY nodeid) FROM pgautofailover.node")"
drill_log "Primary's synchronous_standby_names: '$(node_sql "$node1_port" "SHOW synchronous_standby_names")', synchronous_commit: $(node_sql "$node1_port" "SHOW synchronous_commit")"
node_sql "$node1_port" "CREATE ROLE remotesupport LOGIN PASSWORD 'remotesupport'; ALTER DATABASE remotesupport OWNER TO remotesupport; ALTER SCHEMA public OWNER TO remotesupport;" >/dev/null

wait "$publish_pid"
cs="Host=127.0.0.1:$node1_port,127.0.0.1:$node2_port;Database=remotesupport;Username=remotesupport;Password=remotesupport;Target Session Attributes=primary;Host Recheck Seconds=2;Timeout=3;Command Timeout=15"
drill_log "Migrations and demo data (seed-demo)…"
ConnectionStrings__Default="$cs" dotnet "$DRILL/app/RemoteSupport.Web.dll" seed-demo >"$DRILL/logs/seed.log" 2>&1

drill_log "Two app instances and haproxy…"
drill_app app1 "$app1_port" "$cs" Jobs__PollSeconds=5
drill_app app2 "$app2_port" "$cs" Jobs__PollSeconds=5
drill_wait_http "http://127.0.0.1:$app1_port/health/ready" 90
drill_wait_http "http://127.0.0.1:$app2_port/health/ready" 90
drill_haproxy "$lb_port" "$app1_port" "$app2_port"
drill_wait_http "https://127.0.0.1:$lb_port/health/live" 30
drill_log "app1 ready: $(curl -s "http://127.0.0.1:$app1_port/health/ready")"
drill_log "app2 ready: $(curl -s "http://127.0.0.1:$app2_port/health/ready")"

marker="drill-$(date -u +%Y%m%d%H%M%S)"
drill_log "Writes through the pages: $threads worker session(s), one contact every ${pace}s each, via https://127.0.0.1:$lb_port"
drill_spawn load python3 "$ROOT/scripts/drill/write_contacts.py" run --base "https://127.0.0.1:$lb_port" \
  --email ts1.cd56@remotesupport.test --password 'Demo!RemoteSupport2026' --marker "$marker" --out "$DRILL/attempts.jsonl" \
  --threads "$threads" --pace "$pace" --seconds $((before + after + 120)) --stop-file "$DRILL/stop"
sleep "$before"

drill_log "Stopping the primary (node1: pg_autoctl stop --immediate)…"
date +%s.%N > "$DRILL/event"
autoctl stop --pgdata "$DRILL/pg/node1" --immediate >/dev/null 2>&1 || true
start_wait=$(date +%s.%N)
wait_state node2 wait_primary 120 || wait_state node2 primary 5
promoted=$(date +%s.%N)
drill_log "node2 promoted ($(monitor_sql "SELECT reportedstate FROM pgautofailover.node WHERE nodename = 'node2'")) $(python3 -c "print(f'{$promoted - $start_wait:.1f}')") s after the stop"
sleep "$after"
touch "$DRILL/stop"
for _ in $(seq 1 60); do kill -0 "$(awk '$2 == "load" { print $1 }' "$DRILL/pids")" 2>/dev/null || break; sleep 0.5; done

ready1="$(curl -s "http://127.0.0.1:$app1_port/health/ready")"; ready2="$(curl -s "http://127.0.0.1:$app2_port/health/ready")"
drill_log "app1 ready: $ready1"
drill_log "app2 ready: $ready2"
on_new="\"node\":\"127.0.0.1:$node2_port\",\"role\":\"primary\""
if [[ "$ready1" == *"$on_new"* && "$ready2" == *"$on_new"* ]]; then followed="both instances use node2, the new primary, without a restart"; else followed="NOT both instances on node2"; fi
node_sql "$node2_port" "SELECT substring(\"Description\" from '$marker-[0-9]+-[0-9]+') FROM \"ActivityLog\" WHERE \"Description\" LIKE '%$marker-%'" > "$DRILL/stored.txt"
drill_log "Jobs (one run across both instances): $(node_sql "$node2_port" "SELECT string_agg(\"Name\" || ' ' || coalesce(\"LastOutcome\", '') || ' on ' || coalesce(\"LastInstance\", ''), '; ') FROM \"JobRuns\"")"
if curl -s "http://127.0.0.1:$app1_port/metrics" | grep -qi "password="; then
  drill_log "WARNING: /metrics shows a connection string with its password"
else
  drill_log "/metrics (loopback): $(curl -s "http://127.0.0.1:$app1_port/metrics" | grep -c '^db_client_connection_count') Npgsql pool series (one per node and state), no password in them"
fi
drill_log "Old primary back: node1's keeper restarted…"
drill_spawn node1-again runuser -u postgres -- env PATH="$PGBIN:$PATH" XDG_CONFIG_HOME="$DRILL/pg/config" XDG_DATA_HOME="$DRILL/pg/share" \
  XDG_RUNTIME_DIR="$DRILL/pg/run" pg_autoctl run --pgdata "$DRILL/pg/node1"
# Back means: node1 streams again as the secondary and node2 is "primary" again (synchronous replication restored),
# not only that the monitor lists node1 as secondary.
if wait_state node1 secondary 90 2>/dev/null && wait_state node2 primary 90 2>/dev/null; then
  rejoined="node1 rejoined as the synchronous secondary"
else
  rejoined="node1 not back as the synchronous secondary within 90 s"
fi
drill_log "$rejoined; formation: $(monitor_sql "SELECT string_agg(nodename || ' ' || reportedstate, ', ' ORDER BY nodeid) FROM pgautofailover.node")"
echo
echo "== Failover drill result (pg_auto_failover, synchronous secondary; 2 app instances behind haproxy)"
status=0
python3 "$ROOT/scripts/drill/write_contacts.py" summarise --out "$DRILL/attempts.jsonl" --stored "$DRILL/stored.txt" --event-file "$DRILL/event" || status=$?
echo "promotion seen by the monitor   : $(python3 -c "print(f'{$promoted - $start_wait:.1f}')") s after the primary was stopped"
echo "after the failover             : $followed; $rejoined"
exit "$status"
