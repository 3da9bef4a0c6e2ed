#!/usr/bin/env bash
# Runs part of one test project against a throw-away PostgreSQL, for everyday work on one area.
# Usage: scripts/test-some.sh Web|Domain|Browser [Microsoft.Testing.Platform / xunit options…]
#   scripts/test-some.sh Web --filter-class 'RemoteSupport.Web.Tests.Pages.Interviews.*'
#   scripts/test-some.sh Domain
# ./test.sh remains the whole suite; this one leaves the compiler servers running.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
source scripts/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
name="RemoteSupport.$1.Tests"; shift
project="tests/$name"
[ -d "$project" ] || { echo "No project $project" >&2; exit 2; }
pg_ensure_installed
data="$root/.test-data/pg-$$"
port="$(free_port $((55432 + RANDOM % 3000)))"
cleanup() { pg_stop "$data"; rm -rf "$data"; }
trap cleanup EXIT
pg_start "$data" "$port" "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
export TEST_DATABASE_SERVER="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true"
dotnet tool restore >/dev/null
dotnet build "$project" -c Release -warnaserror -nologo -v quiet -clp:ErrorsOnly
cd "$project/bin/Release/net10.0"
"./$name" --no-progress --output detailed "$@" 2>&1 | grep -vE '^\s*passed ' || true
