#!/usr/bin/env bash
# Invoice run benchmark: one full run over a database's leases and plan memberships, then the no-op re-run.
#
#   bench/invoice-run.sh DATABASE_URL JAR OUT_DIR
#
# Bills every lease from its first day (the location MAIN's billing start is cleared) up to the day after
# the latest lease start (within a year), through the CLI as operators run it (`newplos invoice-run`). Prints and writes
# $OUT_DIR/invoice-run.json: the run's own time ("Took", without JVM start), the command's wall time and
# peak RSS (GNU time), the JVM heap ceiling, rows written, and the same for the re-run, which must bill
# nothing. Memory is flat in the number of leases when the run completes within the small heap it is given.
set -euo pipefail
URL=$1 JAR=$2 OUT=$3
HEAP=${INVOICE_RUN_HEAP:-256m}
command -v /usr/bin/time >/dev/null || (apt-get install -y time >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y time >/dev/null; })
q() { psql "$URL" -v ON_ERROR_STOP=1 -Atq -c "$1"; }

q "UPDATE locations SET billing_starts_on = NULL WHERE code = 'MAIN'" >/dev/null
# The day after the latest lease start within a year from today (bench/run.sh's load runs book leases at
# random far-off dates; a run may bill at most a year ahead).
AS_OF=$(q "SELECT max(lower(period)) + 1 FROM leases WHERE lower(period) < current_date + 365")
q "VACUUM ANALYZE" >/dev/null

one_run() { # $1 label -> sets TOOK WALL RSS
    local log="$OUT/invoice-run-$1.log"
    DATABASE_URL=$URL /usr/bin/time -v java "-Xmx$HEAP" -jar "$JAR" invoice-run --as-of "$AS_OF" --location MAIN \
        >"$log" 2>&1 || { tail -30 "$log" >&2; echo "bench/invoice-run.sh: the $1 run failed" >&2; exit 1; }
    TOOK=$(sed -n 's/^ *Took \([0-9.]*\) s$/\1/p' "$log")
    WALL=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
    RSS=$(( $(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log") / 1024 ))
}

LINES_BEFORE=$(q "SELECT count(*) FROM invoice_lines")
one_run full
FULL_TOOK=$TOOK FULL_WALL=$WALL FULL_RSS=$RSS
LINES=$(( $(q "SELECT count(*) FROM invoice_lines") - LINES_BEFORE ))
INVOICES=$(q "SELECT count(*) FROM invoices WHERE run_id = (SELECT max(id) FROM invoice_runs)")
PROGRESS=$(q "SELECT count(*) FROM billing_progress")
SOURCES=$(q "SELECT (SELECT count(*) FROM leases) + (SELECT count(*) FROM plan_memberships)")
one_run rerun
RERUN_LINES=$(( $(q "SELECT count(*) FROM invoice_lines") - LINES_BEFORE - LINES ))

cat >"$OUT/invoice-run.json" <<JSON
{"as_of": "$AS_OF", "sources": $SOURCES, "heap": "$HEAP",
 "full": {"took_s": $FULL_TOOK, "wall_s": $FULL_WALL, "peak_rss_mb": $FULL_RSS, "lines": $LINES, "invoices": $INVOICES, "progress_rows": $PROGRESS},
 "rerun": {"took_s": $TOOK, "wall_s": $WALL, "peak_rss_mb": $RSS, "lines": $RERUN_LINES}}
JSON
echo "invoice run as of $AS_OF over $SOURCES leases and plan memberships (-Xmx$HEAP): ${FULL_TOOK}s in the run" \
    "(${FULL_WALL}s with JVM start), $LINES lines, $INVOICES invoices, $PROGRESS progress rows, peak RSS ${FULL_RSS} MB;" \
    "re-run ${TOOK}s (${WALL}s with JVM start), $RERUN_LINES lines, peak RSS ${RSS} MB"
[ "$RERUN_LINES" -eq 0 ] || { echo "bench/invoice-run.sh: the re-run billed $RERUN_LINES lines" >&2; exit 1; }
