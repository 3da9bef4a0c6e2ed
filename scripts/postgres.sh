# Shared by run.sh and test.sh: a project-local PostgreSQL, installed with apt-get when missing.
# Usage: source scripts/postgres.sh; pg_ensure_installed; pg_start DATA_DIR PORT; pg_stop DATA_DIR

pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

pg_ensure_installed() {
  if pg_bin >/dev/null; then return 0; fi
  if [ "$(id -u)" = "0" ]; then
    echo "Installing PostgreSQL with apt-get…"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  pg_bin >/dev/null || { echo "PostgreSQL is not installed and cannot be installed here (needs root for apt-get)." >&2; exit 1; }
}

# Runs a command as the postgres user when we are root (initdb refuses root), else as ourselves.
pg_as() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# pg_start DATA_DIR PORT [extra postgres options]: initialises the cluster on first use, then starts it.
pg_start() {
  local data="$1" port="$2" opts="${3:-}" bin
  bin="$(pg_bin)"
  mkdir -p "$data"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$data"
  chmod 700 "$data"
  if [ ! -f "$data/PG_VERSION" ]; then
    pg_as "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  pg_as "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $data $opts" start >/dev/null
}

pg_stop() {
  local data="$1" bin
  bin="$(pg_bin)"
  [ -f "$data/postmaster.pid" ] && pg_as "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# A free TCP port on 127.0.0.1, starting from $1.
free_port() {
  local port="${1:-55432}"
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  echo "$port"
}
