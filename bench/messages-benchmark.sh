#!/usr/bin/env bash
# The outbox sender at volume (issue 13): N due e-mails (default 10,000) delivered to a local SMTP server in one run of
# `dotnet RemoteSupport.Web.dll send-messages`. Prints messages per second and what PostgreSQL did per message
# (statements, transactions, rows written, from pg_stat_statements and pg_stat_database). Figures: docs/performance.md.
#
#   bench/messages-benchmark.sh            # COUNT=10000 BATCH=50
#
# Starts a throw-away PostgreSQL and a minimal SMTP sink (Python's standard smtpd, loopback only), both stopped at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
source scripts/postgres.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
COUNT="${COUNT:-10000}" BATCH="${BATCH:-50}"

work="$root/.test-data/bench-messages-$$"
data="$work/pg"
sink_pid=""
cleanup() {
  [ -n "$sink_pid" ] && kill -TERM "$sink_pid" 2>/dev/null || true
  pg_stop "$data"; rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work"

pg_ensure_installed
port="$(free_port $((56432 + RANDOM % 2000)))"
pg_start "$data" "$port" "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all"
psql=("$(pg_bin)/psql" -h 127.0.0.1 -p "$port" -U postgres -tAq -v ON_ERROR_STOP=1)
"${psql[@]}" -d postgres -c "CREATE DATABASE bench"
cs="Host=127.0.0.1;Port=$port;Database=bench;Username=postgres"

smtp_port="$(free_port 25250)"
python3 -W ignore - "$smtp_port" "$work/received" <<'PY' &
import asyncore, smtpd, sys
port, out = int(sys.argv[1]), sys.argv[2]
class Sink(smtpd.SMTPServer):
    count = 0
    def process_message(self, peer, mailfrom, rcpttos, data, **kw):
        Sink.count += 1
        if Sink.count % 1000 == 0:
            open(out, "w").write(str(Sink.count))
        return None
Sink(("127.0.0.1", port), None, decode_data=False)
asyncore.loop()
PY
sink_pid=$!

echo "Building (Release)…"
dotnet publish src/RemoteSupport.Web -c Release -o "$work/web" -nologo -v quiet -clp:ErrorsOnly >/dev/null
export ConnectionStrings__Default="$cs" Messaging__Email__Host=127.0.0.1 Messaging__Email__Port="$smtp_port" \
  Messaging__Email__Security=None Messaging__Sender__BatchSize="$BATCH" Serilog__MinimumLevel__Default=Warning
(cd "$work/web" && dotnet RemoteSupport.Web.dll seed-demo >"$work/seed.log" 2>&1) || { cat "$work/seed.log" >&2; exit 1; }

# Every day and hour allowed, one person who agreed to e-mails, N messages due now.
"${psql[@]}" -d bench <<SQL
UPDATE "Departments" SET "WorkingDays" = '{1,2,3,4,5,6,7}', "WorkDayStart" = '00:00', "WorkDayEnd" = '23:59:59';
CREATE TEMP TABLE target AS SELECT "Id", "DepartmentId", "ReferentId", "Email" FROM "AccompaniedPersons" WHERE "Email" IS NOT NULL ORDER BY "Id" LIMIT 1;
UPDATE "AccompaniedPersons" SET "PreferredDays" = '{}', "PreferredTimeFrom" = NULL, "PreferredTimeUntil" = NULL WHERE "Id" = (SELECT "Id" FROM target);
INSERT INTO "ConsentRecords" ("Id","DepartmentId","PersonId","Modality","Decision","DecidedAt","Method","RecordedById","RecordedAt")
  SELECT gen_random_uuid(), "DepartmentId", "Id", 'Email', 'Granted', now() - interval '1 day', 'InWriting', "ReferentId", now() FROM target;
INSERT INTO "OutboxMessages" ("Id","DepartmentId","PersonId","Purpose","Channel","Recipient","Subject","Body","HtmlBody","DueAt","Status","Attempts","CreatedById","CreatedAt")
  SELECT gen_random_uuid(), t."DepartmentId", t."Id", 'Free', 'Email', t."Email", 'Message ' || g,
         repeat('Bonjour, voici un message de test. ', 20), '<p>' || repeat('Bonjour, voici un message de test. ', 20) || '</p>',
         now() - interval '1 minute', 'Planned', 0, t."ReferentId", now()
  FROM target t, generate_series(1, $COUNT) g;
ANALYZE "OutboxMessages";
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
SELECT pg_stat_statements_reset();
SQL
before="$("${psql[@]}" -d bench -c "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = 'bench'")"

echo "Sending $COUNT due messages…"
(cd "$work/web" && dotnet RemoteSupport.Web.dll send-messages) | tee "$work/send.log"

sleep 1
after="$("${psql[@]}" -d bench -c "SELECT xact_commit, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = 'bench'")"
sent="$("${psql[@]}" -d bench -c "SELECT count(*) FROM \"OutboxMessages\" WHERE \"Status\" = 'Sent'")"
stats="$("${psql[@]}" -d bench -c "SELECT sum(calls), round(sum(total_exec_time)::numeric, 1) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'bench')")"
seconds="$(grep -oE 'in [0-9.]+ s' "$work/send.log" | grep -oE '[0-9.]+')"
python3 - "$COUNT" "$sent" "$seconds" "$before" "$after" "$stats" <<'PY'
import sys
count, sent, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
b = [int(x) for x in sys.argv[4].split("|")]; a = [int(x) for x in sys.argv[5].split("|")]
calls, ms = sys.argv[6].split("|")
print(f"sent {sent} of {count} in {seconds:.2f} s: {sent / seconds:.0f} messages/s")
print(f"per message: {int(calls) / sent:.2f} statements, {(a[0] - b[0]) / sent:.3f} transactions, "
      f"{(a[1] - b[1]) / sent:.2f} rows written, {float(ms) / sent:.3f} ms of PostgreSQL execution")
PY
echo "SMTP sink received: $(cat "$work/received" 2>/dev/null || echo '?') (counted by thousands)"
