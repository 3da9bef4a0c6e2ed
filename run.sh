#!/usr/bin/env bash
# Starts RemoteSupport on http://127.0.0.1:5000 with a project-local PostgreSQL (data in .data/).
# Demo data is seeded on the first start only. Ctrl-C stops the site and the database.
# With ConnectionStrings__Default set, that database is used instead and no local PostgreSQL is started.
set -euo pipefail
cd "$(dirname "$0")"
root="$PWD"
source scripts/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

data="$root/.data/pg"
port="${PGPORT_LOCAL:-5432}"
app_pid=""
mail_pid=""
started_pg=0
mail_ui_port="${MAIL_UI_PORT:-5080}"
mail_smtp_port="${MAIL_SMTP_PORT:-2525}"

stop() {
  trap - INT TERM EXIT
  if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
    echo; echo "Stopping RemoteSupport…"
    kill -TERM "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  if [ -n "$mail_pid" ] && kill -0 "$mail_pid" 2>/dev/null; then
    echo "Stopping the mail catcher…"
    kill -TERM -- "-$mail_pid" 2>/dev/null || kill -TERM "$mail_pid" 2>/dev/null || true
  fi
  if [ "$started_pg" = 1 ]; then echo "Stopping PostgreSQL…"; pg_stop "$data"; fi
}
trap stop INT TERM EXIT

if [ -z "${ConnectionStrings__Default:-}" ]; then
  pg_ensure_installed
  if [ -f "$data/postmaster.pid" ] && pg_as "$(pg_bin)/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    echo "PostgreSQL already running from .data/"
  else
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "Port $port is taken by another program: set PGPORT_LOCAL to another port." >&2; exit 1
    fi
    echo "Starting PostgreSQL (data in .data/pg, port $port)…"
    pg_start "$data" "$port"
    started_pg=1
  fi
  psql_cmd=("$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAq -v ON_ERROR_STOP=1)
  if [ "$("${psql_cmd[@]}" -c "SELECT 1 FROM pg_roles WHERE rolname='remotesupport'")" != "1" ]; then
    "${psql_cmd[@]}" -c "CREATE ROLE remotesupport LOGIN PASSWORD 'remotesupport'"
  fi
  if [ "$("${psql_cmd[@]}" -c "SELECT 1 FROM pg_database WHERE datname='remotesupport'")" != "1" ]; then
    "${psql_cmd[@]}" -c "CREATE DATABASE remotesupport OWNER remotesupport"
  fi
  export ConnectionStrings__Default="Host=127.0.0.1;Port=$port;Database=remotesupport;Username=remotesupport;Password=remotesupport"
fi

# A local mail catcher (smtp4dev): every invitation, reminder and message the app sends lands in its web page.
# E-mails go to it over SMTP, and so do SMS, through the "e-mail-to-SMS gateway" provider (0612345678@sms.local).
# MESSAGING_EXTERNAL=1 leaves the Messaging__* settings to the environment (a real SMTP server or SMS provider).
if [ -z "${MESSAGING_EXTERNAL:-}" ]; then
  dotnet tool restore >/dev/null
  mkdir -p "$root/.data"
  echo "Starting the mail catcher (web page http://127.0.0.1:$mail_ui_port, SMTP port $mail_smtp_port)…"
  setsid dotnet tool run smtp4dev --urls "http://127.0.0.1:$mail_ui_port" --smtpport "$mail_smtp_port" --imapport="" --pop3port="" --db="" \
    >"$root/.data/smtp4dev.log" 2>&1 &
  mail_pid=$!
  export Messaging__Email__Host=127.0.0.1 Messaging__Email__Port="$mail_smtp_port" Messaging__Email__Security=None \
    Messaging__Sms__Provider=EmailGateway Messaging__Sms__GatewayDomain=sms.local
fi

echo "Building RemoteSupport…"
dotnet build src/RemoteSupport.Web -c Release -nologo -v quiet -clp:ErrorsOnly

cat <<'TXT'

RemoteSupport — http://127.0.0.1:5000
Demo accounts (demo only), all with the password  Demo!RemoteSupport2026
  admin@remotesupport.test         Administrateur, tous les départements
  cadre.cd56@remotesupport.test    Responsable d'équipe, Morbihan
  cadre.cd29@remotesupport.test    Responsable d'équipe, Finistère
  ts1.cd56@remotesupport.test      Travailleuse sociale, Morbihan
  ts2.cd56@remotesupport.test      Travailleur social, Morbihan
  ts1.cd29@remotesupport.test      Travailleur social, Finistère
The administrator and the team leads also give a second factor (demo only): add the key
  DEMOKEYDEMOKEYDEMOKEYDEMOKEYDEMO
to any authenticator app (or compute the code: oathtool --totp -b DEMOKEYDEMOKEYDEMOKEYDEMOKEYDEMO).
Ctrl-C stops the site and the database.

TXT
if [ -n "$mail_pid" ]; then echo "Messages sent to persons (e-mails and SMS): http://127.0.0.1:$mail_ui_port"; fi


cd src/RemoteSupport.Web
ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}" ReverseProxy__SecureCookies=SameAsRequest \
Database__MigrateOnStart=true Seed__Demo="${SEED_DEMO:-true}" \
  dotnet bin/Release/net10.0/RemoteSupport.Web.dll --urls "http://127.0.0.1:5000" &
app_pid=$!
wait "$app_pid"
