# Shared by scripts/failover-drill.sh and scripts/restore-drill.sh: Debian packages, a published build of the app,
# app instances and a TLS load balancer (haproxy) on loopback, and the stop-everything-we-started bookkeeping.
# Source it after scripts/postgres.sh. Everything lives in $DRILL (a fresh folder), every process we start is
# recorded in $DRILL/pids (one process group per line) and stopped by drill_stop_all.

drill_log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*"; }

# drill_packages PKG…: installs the Debian packages that are missing (as root, with apt-get).
drill_packages() {
  local missing=() pkg
  for pkg in "$@"; do dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" = "0" ] || { echo "Missing Debian packages: ${missing[*]} (apt-get install needs root)" >&2; exit 1; }
  drill_log "Installing ${missing[*]} with apt-get…"
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq "${missing[@]}" >/dev/null
}

# drill_spawn NAME CMD…: starts CMD in its own process group (setsid), output in $DRILL/logs/NAME.log.
drill_spawn() {
  local name="$1"; shift
  mkdir -p "$DRILL/logs"
  setsid "$@" >"$DRILL/logs/$name.log" 2>&1 < /dev/null &
  echo "$! $name" >> "$DRILL/pids"
}

# drill_kill NAME: TERM to the process group started under NAME, KILL after 10 s.
drill_kill() {
  local name="$1" pid
  pid="$(awk -v n="$name" '$2 == n { print $1 }' "$DRILL/pids" 2>/dev/null | tail -1)"
  [ -n "$pid" ] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for _ in $(seq 1 100); do kill -0 -- "-$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || true
}

drill_kill_all() {
  [ -f "$DRILL/pids" ] || return 0
  local name
  for name in $(tac "$DRILL/pids" | awk '{ print $2 }'); do drill_kill "$name"; done
}

# drill_publish DIR: a runnable Release copy of the app (dotnet publish keeps wwwroot; dotnet build -o does not).
drill_publish() {
  local out="$1"
  if [ -n "${RS_APP_DIR:-}" ] && [ -f "$RS_APP_DIR/RemoteSupport.Web.dll" ]; then
    drill_log "Using the published app in $RS_APP_DIR"; cp -r "$RS_APP_DIR/." "$out/"; return 0
  fi
  drill_log "Publishing the app (Release)…"
  dotnet publish "$ROOT/src/RemoteSupport.Web" -c Release -o "$out" -nologo -v quiet -clp:ErrorsOnly >/dev/null
}

# drill_app NAME PORT CONNECTION_STRING [extra env…]: one instance of the published app on 127.0.0.1:PORT.
drill_app() {
  local name="$1" port="$2" cs="$3"; shift 3
  drill_spawn "$name" env ASPNETCORE_ENVIRONMENT=Production DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    ConnectionStrings__Default="$cs" Database__MigrateOnStart=false Seed__Demo=false "$@" \
    dotnet "$DRILL/app/RemoteSupport.Web.dll" --urls "http://127.0.0.1:$port"
}

# drill_wait_http URL SECONDS: until URL answers 200.
drill_wait_http() {
  local url="$1" seconds="$2" i
  for i in $(seq 1 $((seconds * 4))); do
    [ "$(curl -sk -o /dev/null -w '%{http_code}' --max-time 2 "$url")" = "200" ] && return 0
    sleep 0.25
  done
  echo "No answer from $url after ${seconds}s" >&2; return 1
}

# drill_haproxy PORT BACKEND_PORT…: TLS (self-signed, loopback) in front of the instances, round robin, no stickiness.
drill_haproxy() {
  local port="$1"; shift
  local cfg="$DRILL/haproxy.cfg" i=0 p
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=localhost" \
    -keyout "$DRILL/tls.key" -out "$DRILL/tls.crt" >/dev/null 2>&1
  cat "$DRILL/tls.crt" "$DRILL/tls.key" > "$DRILL/tls.pem"
  cat > "$cfg" <<CFG
global
  maxconn 256
defaults
  mode http
  timeout connect 2s
  timeout client 30s
  timeout server 30s
  # A request is sent again to the other instance only when it never reached the first one: safe for POST.
  retries 2
  retry-on conn-failure empty-response
  option redispatch
frontend web
  bind 127.0.0.1:$port ssl crt $DRILL/tls.pem
  http-request set-header X-Forwarded-Proto https
  option forwardfor
  http-request deny deny_status 404 if { path_beg /metrics }
  default_backend app
backend app
  balance roundrobin
  option httpchk GET /health/live
  default-server inter 1s fall 2 rise 1
CFG
  for p in "$@"; do i=$((i + 1)); echo "  server app$i 127.0.0.1:$p check" >> "$cfg"; done
  haproxy -c -q -f "$cfg"
  drill_spawn haproxy haproxy -W -db -f "$cfg"
}
