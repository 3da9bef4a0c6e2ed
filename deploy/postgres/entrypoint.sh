#!/bin/sh
# PG_ROLE=monitor | node | backup (docker-compose.yml). Creates its part on first start, then runs it.
set -eu
# Everything a node keeps lives in its volume (PG_HOME): the data, and pg_autoctl's configuration and state.
if [ -n "${PG_HOME:-}" ]; then
  export PGDATA="$PG_HOME/data" XDG_CONFIG_HOME="$PG_HOME/config" XDG_DATA_HOME="$PG_HOME/share"
fi
monitor_uri="postgres://autoctl_node@monitor:5432/pg_auto_failover?sslmode=require"

case "${PG_ROLE:?}" in
monitor)
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    pg_autoctl create monitor --pgdata "$PGDATA" --pgport 5432 --hostname monitor --auth trust --ssl-self-signed
    # Failover in about 10 s instead of 35-50 s: safe with synchronous replication (docs/operations.md, ADR-0020).
    cat >> "$PGDATA/postgresql.conf" <<CONF
pgautofailover.health_check_period = 1000
pgautofailover.health_check_timeout = 1000
pgautofailover.health_check_max_retries = 1
pgautofailover.health_check_retry_delay = 500
pgautofailover.node_considered_unhealthy_timeout = 4000
pgautofailover.primary_demote_timeout = 5000
CONF
  fi
  exec pg_autoctl run --pgdata "$PGDATA"
  ;;
node)
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    # The first node becomes the primary, the second its synchronous secondary (pg_auto_failover's default with
    # one secondary: synchronous_standby_names = 'ANY 1 (…)', so an acknowledged commit is on both nodes).
    until pg_autoctl create postgres --pgdata "$PGDATA" --pgport 5432 --hostname "$(hostname)" --name "$(hostname)" \
        --dbname remotesupport --auth trust --ssl-self-signed --pg-hba-lan --monitor "$monitor_uri"; do sleep 5; done
    # Continuous archiving: every WAL segment goes into the pgBackRest repository as soon as it is complete.
    cat >> "$PGDATA/postgresql.conf" <<CONF
archive_mode = on
archive_command = 'pgbackrest --stanza=rs --pg1-path=$PGDATA archive-push %p'
archive_timeout = 60
CONF
  fi
  # The application's role, created once on the primary (it reaches the secondary by replication).
  (
    until [ "$(psql -h /var/run/postgresql -d remotesupport -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'remotesupport'" 2>/dev/null)" = "1" ]; do
      if [ "$(psql -h /var/run/postgresql -d remotesupport -tAc 'SELECT pg_is_in_recovery()' 2>/dev/null)" = "f" ]; then
        psql -h /var/run/postgresql -d remotesupport -c "CREATE ROLE remotesupport LOGIN PASSWORD '${DB_PASSWORD:?}'" \
          -c "ALTER DATABASE remotesupport OWNER TO remotesupport" -c "ALTER SCHEMA public OWNER TO remotesupport" || true
      fi
      sleep 5
    done
  ) &
  exec pg_autoctl run --pgdata "$PGDATA"
  ;;
backup)
  until pgbackrest --stanza=rs stanza-create; do sleep 15; done
  while true; do
    if [ "$(date +%u)" = "7" ]; then kind=full; else kind=diff; fi
    if pgbackrest --stanza=rs --type="$kind" backup; then
      pgbackrest --stanza=rs info
      sleep 86400
    else
      echo "pgBackRest $kind backup failed; next try in an hour" >&2
      sleep 3600
    fi
  done
  ;;
*)
  echo "PG_ROLE must be monitor, node or backup" >&2; exit 2
  ;;
esac
