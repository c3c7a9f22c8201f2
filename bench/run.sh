#!/usr/bin/env bash
# Newplos benchmarks, side by side with PostgreSQL's own ceiling.
#
#   bench/run.sh            full run: 100k members, 10k spaces, ~1M leases; 16 connections, 20 s per run
#   bench/run.sh --smoke    seconds: tiny data, 2 s runs, no figures asserted (CI)
#
# Options: --duration S  --connections N  --keep (keep the databases)  --out DIR (default target/bench)
# Environment: BENCH_PG (default postgres://postgres@127.0.0.1:5432, a role that may create databases),
#              PGBENCH (default /usr/lib/postgresql/15/bin/pgbench), JAVA_OPTS, BENCH_CONTAINER_MEMORY (1g).
#
# After loading the data, first (while nothing else runs): start-up to ready on a migrated and on a
# missing database, with plain java -jar and as the image ships it (extracted jar, class-data archive,
# the image's JVM memory options), idle RSS. Then, with the server as shipped: for each operation the
# HTTP API under wrk (Bearer token, lua scripts in bench/wrk vary the parameters) and pgbench running
# the very SQL the API runs (bench/pgbench/*.sql), same concurrency and duration, one measured run each
# after a JIT warm-up of the API (two rounds through all operations, then a short one per operation);
# RSS under load; an invoice run over every lease and its no-op re-run (bench/invoice-run.sh); the longest write stall while an expand-style migration runs under writes; API
# throughput with tracing off, default and exported (issue 7); jar (and image) size. Results:
# $OUT/results.json and a markdown table on standard output ($OUT/results.md).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
MODE=full
DURATION=""
CONNECTIONS=16
KEEP=false
OUT="$ROOT/target/bench"
while [ $# -gt 0 ]; do
    case "$1" in
        --smoke) MODE=smoke ;;
        --duration) DURATION=$2; shift ;;
        --connections) CONNECTIONS=$2; shift ;;
        --keep) KEEP=true ;;
        --out) OUT=$2; shift ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "bench/run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [ "$MODE" = smoke ]; then
    DURATION=${DURATION:-2}; WARMUP=1; JIT_WARMUP=1; LIGHT=1; MIGRATION_RUN=4; CONNECTIONS=4
    DEMO_ARGS=(--scale small --members 500 --spaces 100)
else
    DURATION=${DURATION:-20}; WARMUP=5; JIT_WARMUP=15; LIGHT=10; MIGRATION_RUN=20
    DEMO_ARGS=(--scale large)
fi

PG=${BENCH_PG:-postgres://postgres@127.0.0.1:5432}
PGBENCH=${PGBENCH:-/usr/lib/postgresql/15/bin/pgbench}
RUN_ID=$(date +%s)_$$
DB=newplos_bench_${RUN_ID}
FRESH_DB=newplos_bench_fresh_${RUN_ID}
PASSWORD="bench password $RUN_ID"
export BENCH_DIR
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd) # absolute: pgbench runs from inside it
rm -f "$OUT"/*.json "$OUT"/*.log "$OUT"/pgbench_log.* 2>/dev/null || true

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc -l | xargs printf '%.3f'; }
sql() { psql "$PG/$1" -v ON_ERROR_STOP=1 -Atq -c "$2"; }
# Lease creates write their 'lease booked' emails to the outbox (issue 17); a later phase's server would start
# rendering that backlog (no SMTP: kept) and measure it as its own cost. Between phases the backlog is
# cancelled; within the lease-create runs the dispatcher works as shipped, so a create pays for its email.
cancel_outbox() { sql "$DB" "UPDATE outbox SET status = 'CANCELLED', due_at = now() WHERE status = 'PENDING'" >/dev/null; }

# --- tools ---------------------------------------------------------------------------------------
for tool in wrk bc curl; do
    if ! command -v "$tool" >/dev/null; then
        log "installing $tool (apt-get)"
        (apt-get install -y "$tool" >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y "$tool" >/dev/null; })
    fi
done
[ -x "$PGBENCH" ] || PGBENCH=$(command -v pgbench || true)
[ -n "$PGBENCH" ] || { echo "bench/run.sh: pgbench not found (apt-get install postgresql-client)" >&2; exit 1; }
sql postgres "SELECT 1" >/dev/null || { echo "bench/run.sh: cannot reach $PG" >&2; exit 1; }

built_jar() { # the executable jar in target/, not the plain or sources one
    local jar
    for jar in "$ROOT"/target/newplos*.jar; do
        case "$jar" in *-plain.jar | *-sources.jar) ;; *) [ -f "$jar" ] && { echo "$jar"; return; } ;; esac
    done
}
JAR=$(built_jar)
if [ -z "$JAR" ]; then
    log "building the jar"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package)
    JAR=$(built_jar)
fi

BUILT_JAR=$JAR
APP_PID=""
SAMPLER_PID=""
cleanup() {
    if [ -n "$SAMPLER_PID" ]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
    for pid in ${TRACING_PIDS:-}; do kill "$pid" 2>/dev/null || true; done
    if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
    if [ "$KEEP" != true ]; then
        sql postgres "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
        sql postgres "DROP DATABASE IF EXISTS $FRESH_DB WITH (FORCE)" >/dev/null 2>&1 || true
        for i in 1 2 3; do sql postgres "DROP DATABASE IF EXISTS ${FRESH_DB}_s$i WITH (FORCE)" >/dev/null 2>&1 || true; done
    fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# Starts the server on $1 (database name), waits until /readyz answers 200; sets APP_PID, PORT, READY_S.
# Without its warm-up (SERVER_WARMUP=off, the default here): the start-up figures measure the start itself and
# the throughput runs warm the JVM their own way. SERVER_WARMUP=shipped leaves it as the image ships it (10 s).
# (WARMUP, without SERVER_, is the seconds of wrk before each measured API run.)
start_app() {
    local db=$1 started warmup=NEWPLOS_WARMUP_DURATION=0s
    [ "${SERVER_WARMUP:-off}" = shipped ] && warmup=NEWPLOS_WARMUP_AS_SHIPPED=1
    PORT=$(free_port)
    started=$(now)
    # shellcheck disable=SC2086 # JAVA_OPTS holds several options
    env "$warmup" DATABASE_URL="$PG/$db" SERVER_PORT=$PORT SERVER_ADDRESS=127.0.0.1 NEWPLOS_BOOTSTRAP_ADMIN=false \
        java ${JAVA_OPTS:-} -jar "$JAR" >"$OUT/app-$db.log" 2>&1 &
    APP_PID=$!
    for _ in $(seq 1 1200); do
        if curl -fs -o /dev/null "http://127.0.0.1:$PORT/readyz"; then
            READY_S=$(elapsed "$started")
            return 0
        fi
        kill -0 "$APP_PID" 2>/dev/null || { APP_PID=""; return 1; }
        sleep 0.05
    done
    return 1
}
stop_app() {
    kill "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
}
rss_mb() { echo $(( $(ps -o rss= -p "$APP_PID") / 1024 )); }

run_wrk() { # $1 operation, $2 seconds -> JSON line
    wrk -t2 -c"$CONNECTIONS" -d"$2"s --timeout 10s -s "$BENCH_DIR/wrk/$1.lua" "$URL" | sed -n 's/^JSON://p'
}
run_wrk_light() { # $1 operation, $2 seconds -> JSON line: the service latency with 2 connections (one per core)
    wrk -t1 -c2 -d"$2"s --timeout 10s -s "$BENCH_DIR/wrk/$1.lua" "$URL" | sed -n 's/^JSON://p'
}
# --- data ----------------------------------------------------------------------------------------
log "database $DB, mode $MODE, $CONNECTIONS connections, ${DURATION}s per run"
sql postgres "CREATE DATABASE $DB ENCODING 'UTF8' TEMPLATE template0" >/dev/null
t=$(now)
DATABASE_URL="$PG/$DB" java -jar "$JAR" demo-data "${DEMO_ARGS[@]}" --seed 42 | tee "$OUT/demo-data.log" >&2
LOAD_S=$(elapsed "$t")
t=$(now)
sql "$DB" "VACUUM ANALYZE" >/dev/null
VACUUM_S=$(elapsed "$t")
read -r MEMBERS SPACES LEASES MAX_LEASE <<<"$(psql "$PG/$DB" -Atq -F ' ' -c "SELECT
    (SELECT count(*) FROM members), (SELECT count(*) FROM spaces), (SELECT count(*) FROM leases),
    (SELECT max(id) FROM leases)")"
DISTRIBUTION=$(psql "$PG/$DB" -Atq -c "SELECT json_build_object(
    'past', count(*) FILTER (WHERE status <> 'CANCELLED' AND upper(period) <= current_date),
    'current', count(*) FILTER (WHERE status <> 'CANCELLED' AND period @> current_date),
    'future', count(*) FILTER (WHERE status <> 'CANCELLED' AND lower(period) > current_date),
    'open_ended', count(*) FILTER (WHERE status <> 'CANCELLED' AND upper_inf(period)),
    'cancelled', count(*) FILTER (WHERE status = 'CANCELLED'),
    'first_day', min(lower(period)), 'last_day', max(upper(period))) FROM leases")
log "loaded $MEMBERS members, $SPACES spaces, $LEASES leases in ${LOAD_S}s (+ VACUUM ANALYZE ${VACUUM_S}s)"

echo "$PASSWORD" | DATABASE_URL="$PG/$DB" java -jar "$JAR" create-admin --email bench@example.com --role STAFF >&2
TOKEN=$(DATABASE_URL="$PG/$DB" java -jar "$JAR" create-token --email bench@example.com --name bench)
export TOKEN SPACES MEMBERS LEASES
# --- start-up and footprint, first, while nothing else runs -------------------------------------
# With plain java -jar (default JVM flags: G1, a quarter of the machine's memory as the heap ceiling) on
# the migrated database, then on a database that must be created and migrated.
start_app "$DB" || { tail -50 "$OUT/app-$DB.log" >&2; echo "bench/run.sh: the server did not become ready" >&2; exit 1; }
READY_MIGRATED_S=$READY_S
t=$(now)
curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/spaces?limit=1"
FIRST_CALL_S=$(elapsed "$t")
sleep 2
RSS_IDLE_MB=$(rss_mb)
log "ready in ${READY_MIGRATED_S}s on the migrated database (first API call ${FIRST_CALL_S}s), idle RSS ${RSS_IDLE_MB} MB"
stop_app

FRESH_CREATED_BY=app
if ! start_app "$FRESH_DB"; then
    # The server does not create databases itself (yet): create it as an operator would, in the timing.
    FRESH_CREATED_BY=script
    t=$(now)
    sql postgres "CREATE DATABASE $FRESH_DB ENCODING 'UTF8' TEMPLATE template0" >/dev/null
    start_app "$FRESH_DB" || { tail -50 "$OUT/app-$FRESH_DB.log" >&2; exit 1; }
    READY_S=$(elapsed "$t")
fi
READY_FRESH_S=$READY_S
stop_app
log "ready in ${READY_FRESH_S}s on a database that had to be created (by the $FRESH_CREATED_BY) and migrated"

# Then the way the image ships it (Dockerfile, docs/deploy.md): the jar extracted (Boot's jarmode
# tools), a class-data archive from a training run that stops after the context refresh and needs no
# database (as in the image build), and the image's JAVA_MEMORY_OPTS, read as in a container with
# BENCH_CONTAINER_MEMORY (default 1g, compose.yaml's limit; -XX:MaxRAM stands in for the cgroup limit).
# This is the headline start-up figure: median of 3 starts on the migrated database and 3 on new
# databases (1 each with --smoke); idle RSS after the first start and one API call. Every server after
# this one runs in the same form: the throughput runs, the migration under load and the tracing runs.
SHIPPED_DIR="$OUT/shipped"
rm -rf "$SHIPPED_DIR"
SHIPPED_OPTS="-XX:MaxRAM=${BENCH_CONTAINER_MEMORY:-1g} $(sed -n 's/^ *JAVA_MEMORY_OPTS="\([^"]*\)".*/\1/p' "$ROOT/Dockerfile" | head -1)"
READY_SHIPPED_MIGRATED_S=null; READY_SHIPPED_FRESH_S=null; RSS_IDLE_SHIPPED_MB=null
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $1} END {print NR ? v[int((NR + 1) / 2)] : "null"}'; }
if java -Djarmode=tools -jar "$JAR" extract --destination "$SHIPPED_DIR" >/dev/null 2>&1; then
    SHIPPED_JAR=$SHIPPED_DIR/$(basename "$JAR")
    # shellcheck disable=SC2086 # the options hold several words
    DATABASE_URL=postgres://training@127.0.0.1:9/training SERVER_PORT=0 java $SHIPPED_OPTS \
        -XX:ArchiveClassesAtExit="$SHIPPED_DIR/newplos.jsa" -Dspring.context.exit=onRefresh -jar "$SHIPPED_JAR" \
        >"$OUT/cds-training.log" 2>&1 || true
    if [ -f "$SHIPPED_DIR/newplos.jsa" ]; then
        JAR=$SHIPPED_JAR; JAVA_OPTS="$SHIPPED_OPTS -XX:SharedArchiveFile=$SHIPPED_DIR/newplos.jsa ${JAVA_OPTS:-}"
        migrated=(); fresh=()
        for i in $(seq 1 "$([ "$MODE" = smoke ] && echo 1 || echo 3)"); do
            if start_app "$DB"; then
                migrated+=("$READY_S")
                if [ "$i" = 1 ]; then
                    curl -fs -o /dev/null -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/spaces?limit=1"
                    sleep 2
                    RSS_IDLE_SHIPPED_MB=$(rss_mb)
                fi
            fi
            stop_app
            if start_app "${FRESH_DB}_s$i"; then fresh+=("$READY_S"); fi
            stop_app
            sql postgres "DROP DATABASE IF EXISTS ${FRESH_DB}_s$i WITH (FORCE)" >/dev/null 2>&1 || true
        done
        READY_SHIPPED_MIGRATED_S=$(median "${migrated[@]}"); READY_SHIPPED_FRESH_S=$(median "${fresh[@]}")
        log "as shipped ($SHIPPED_OPTS, CDS): ready in ${READY_SHIPPED_MIGRATED_S}s migrated (${migrated[*]}), ${READY_SHIPPED_FRESH_S}s fresh (${fresh[*]}), idle RSS ${RSS_IDLE_SHIPPED_MB} MB"
    fi
fi

# --- a just-started instance (issue 19) ---------------------------------------------------------
# Each of three operations on a server as shipped that has just become ready: wrk from the moment /readyz
# answers 200, the first COLD_FIRST s and the next COLD_NEXT s, next to the warmed figure of the
# throughput run below; once with the warm-up as shipped (it exercises the read API for 10 s before
# /readyz answers 200) and once without it. The first local start: the jar with no DATABASE_URL, so embedded
# PostgreSQL is unpacked (java.io.tmpdir empty), initialised and migrated, as `./mvnw spring-boot:run` does on
# a fresh clone.
if [ "$MODE" = smoke ]; then COLD_FIRST=1; COLD_NEXT=2; else COLD_FIRST=15; COLD_NEXT=30; fi
COLD_OPERATIONS=(lease-get lease-create availability)
READY_WARMUP=()
for op in "${COLD_OPERATIONS[@]}"; do
    for variant in shipped off; do
        suffix=""
        if [ "$variant" = off ]; then suffix=-nowarmup; fi
        SERVER_WARMUP=$variant start_app "$DB" || { tail -50 "$OUT/app-$DB.log" >&2; exit 1; }
        [ "$variant" = shipped ] && READY_WARMUP+=("$READY_S")
        URL="http://127.0.0.1:$PORT"
        run_wrk "$op" "$COLD_FIRST" >"$OUT/$op.cold-first$suffix.json"
        run_wrk "$op" "$COLD_NEXT" >"$OUT/$op.cold-next$suffix.json"
        [ "$variant" = shipped ] && log "$(grep -h -m1 -o 'Warm-up: .*' "$OUT/app-$DB.log" || echo 'no warm-up logged')"
        stop_app
        cancel_outbox
        log "$op just started (warm-up $variant, ready ${READY_S}s): first ${COLD_FIRST}s $(cat "$OUT/$op.cold-first$suffix.json"), next ${COLD_NEXT}s $(cat "$OUT/$op.cold-next$suffix.json")"
    done
done
READY_WARMUP_S=$(median "${READY_WARMUP[@]}")
LOCAL_DIR=$(mktemp -d)
mkdir -p "$LOCAL_DIR/tmp"
LOCAL_PORT=$(free_port)
t=$(now)
env -u DATABASE_URL NEWPLOS_DATA_DIR="$LOCAL_DIR/data" SERVER_PORT="$LOCAL_PORT" SERVER_ADDRESS=127.0.0.1 \
    java -Djava.io.tmpdir="$LOCAL_DIR/tmp" -jar "$BUILT_JAR" >"$OUT/app-local.log" 2>&1 &
LOCAL_PID=$!
FIRST_LOCAL_S=null
for _ in $(seq 1 1200); do
    if curl -fs -o /dev/null "http://127.0.0.1:$LOCAL_PORT/readyz"; then FIRST_LOCAL_S=$(elapsed "$t"); break; fi
    kill -0 "$LOCAL_PID" 2>/dev/null || break
    sleep 0.05
done
kill "$LOCAL_PID" 2>/dev/null || true; wait "$LOCAL_PID" 2>/dev/null || true
EMBEDDED_MS=$(sed -n 's/.*Embedded PostgreSQL started in \([0-9]*\) ms.*/\1/p' "$OUT/app-local.log" | head -1)
DATABASE_READY_MS=$(sed -n 's/.*Database ready in \([0-9]*\) ms.*/\1/p' "$OUT/app-local.log" | head -1)
rm -rf "$LOCAL_DIR"
log "first local start (embedded PostgreSQL unpacked, initialised, migrated): ready in ${FIRST_LOCAL_S}s (embedded PostgreSQL ${EMBEDDED_MS:-?} ms, database ready ${DATABASE_READY_MS:-?} ms)"

# --- throughput: the server as shipped, under wrk, beside pgbench -----------------------------------
start_app "$DB" || { tail -50 "$OUT/app-$DB.log" >&2; echo "bench/run.sh: the server did not become ready" >&2; exit 1; }
log "server as shipped ready in ${READY_S}s for the throughput runs"

# RSS under load: the highest of samples taken every second while the runs go on.
( max=0; while kill -0 "$APP_PID" 2>/dev/null; do
      r=$(ps -o rss= -p "$APP_PID" 2>/dev/null || echo 0); r=$((r / 1024))
      [ "$r" -gt "$max" ] && max=$r && echo "$max" >"$OUT/rss-max.txt"
      sleep 1
  done ) &
SAMPLER_PID=$!

URL="http://127.0.0.1:$PORT"
run_pgbench() { # $1 operation, rest: -f scripts -> JSON line
    local op=$1; shift
    local prefix="$OUT/pgbench_log.$op"
    (cd "$OUT" && "$PGBENCH" -n -M prepared -c"$CONNECTIONS" -j2 -T"$DURATION" \
        -D spaces="$SPACES" -D members="$MEMBERS" -D leases="$MAX_LEASE" \
        -l --log-prefix="$prefix" "$@" "$PG/$DB") >"$OUT/pgbench-$op.log" 2>&1 || true
    python3 "$BENCH_DIR/pgbench_summary.py" "$OUT/pgbench-$op.log" "$prefix".*
    rm -f "$prefix".*
}

OPERATIONS=(availability lease-create member-search dashboard lease-get)
# JIT warm-up: a JVM that just started runs interpreted and C1 code; with wrk and PostgreSQL on the same
# two cores, C2 needs minutes of traffic before the shared paths (security, JSON, JDBC) are compiled —
# a lease GET ran at ~2,500 req/s after 15 s and ~9,000 after 120 s. Two rounds through every operation
# first (JIT_WARMUP s each, 150 s in a full run), then a short warm-up before each measured run.
for round in 1 2; do
    for op in "${OPERATIONS[@]}"; do
        log "JIT warm-up round $round: $op ${JIT_WARMUP}s"
        run_wrk "$op" "$JIT_WARMUP" >/dev/null
    done
done
for op in "${OPERATIONS[@]}"; do
    cancel_outbox # the emails of earlier lease creates (warm-up, pgbench) are not this operation's work
    log "$op: API warm-up ${WARMUP}s"
    run_wrk "$op" "$WARMUP" >/dev/null
    log "$op: API (wrk) ${DURATION}s"
    run_wrk "$op" "$DURATION" >"$OUT/$op.api.json"
    log "$op: pgbench ${DURATION}s"
    case "$op" in
        dashboard) run_pgbench "$op" -f "$BENCH_DIR/pgbench/occupancy.sql@1" -f "$BENCH_DIR/pgbench/mrr.sql@1" ;;
        *) run_pgbench "$op" -f "$BENCH_DIR/pgbench/$op.sql" ;;
    esac >"$OUT/$op.pg.json"
    log "$op: API with 2 connections ${LIGHT}s"
    run_wrk_light "$op" "$LIGHT" >"$OUT/$op.light.json"
    log "$op: API $(cat "$OUT/$op.api.json")"
    log "$op: API, 2 connections $(cat "$OUT/$op.light.json")"
    log "$op: SQL $(cat "$OUT/$op.pg.json")"
done

# --- migration under load ------------------------------------------------------------------------
# `newplos migrate` applies bench/migrations (V9000 ADD COLUMN, V9001 CREATE INDEX CONCURRENTLY) with the
# product's own settings (lock_timeout 2 s, retried) while lease writes run; the longest write is the stall,
# next to the longest write of the same run without a migration (the lease-create run above).
log "migration under load: lease writes for ${MIGRATION_RUN}s, expand-style migration after a quarter"
run_wrk lease-create "$MIGRATION_RUN" >"$OUT/migration.api.json" &
WRK_PID=$!
sleep $((MIGRATION_RUN / 4))
t=$(now)
DATABASE_URL="$PG/$DB" java -jar "$JAR" migrate -D "spring.flyway.locations=classpath:db/migration,filesystem:$BENCH_DIR/migrations" \
    >"$OUT/migration.log" 2>&1 || { cat "$OUT/migration.log" >&2; echo "bench/run.sh: the migration failed" >&2; exit 1; }
MIGRATE_S=$(elapsed "$t")
ALTER_S=$(sed -n 's/^Applied V9000 .*(\([0-9]*\) ms)$/\1/p' "$OUT/migration.log" | awk '{printf "%.3f", $1 / 1000}')
INDEX_S=$(sed -n 's/^Applied V9001 .*(\([0-9]*\) ms)$/\1/p' "$OUT/migration.log" | awk '{printf "%.3f", $1 / 1000}')
wait "$WRK_PID"
sql "$DB" "DROP INDEX CONCURRENTLY IF EXISTS leases_bench_external_ref_idx" >/dev/null
sql "$DB" "ALTER TABLE leases DROP COLUMN IF EXISTS bench_external_ref" >/dev/null
sql "$DB" "DELETE FROM flyway_schema_history WHERE version IN ('9000', '9001')" >/dev/null
log "migration: newplos migrate ${MIGRATE_S}s (ADD COLUMN ${ALTER_S}s, CREATE INDEX CONCURRENTLY ${INDEX_S}s), writes $(cat "$OUT/migration.api.json")"

kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
RSS_LOAD_MB=$(cat "$OUT/rss-max.txt" 2>/dev/null || echo 0)
stop_app

cancel_outbox

# --- tracing overhead (issue 7) -----------------------------------------------------------------------
# Three servers on the same database, up together: tracing off (its auto-configuration excluded: no spans
# at all), the default (no OTLP endpoint) and traces exported over OTLP/HTTP at sampling 1.0 to a local
# sink (bench/otlp_sink.py answers 200 and counts). Traces only (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT): the
# general OTEL_EXPORTER_OTLP_ENDPOINT also pushes every metric over OTLP, a separate cost (issue 19). Per operation: a warm-up on each (2 × JIT_WARMUP), then halves in the
# order off, default, on, on, default, off, so a drift (JIT, other load) falls on all three alike.
TRACING_VARIANTS=(off default on)
TRACING_OPS=(lease-get availability)
SINK_PORT=$(free_port)
python3 "$BENCH_DIR/otlp_sink.py" "$SINK_PORT" >"$OUT/otlp-sink.log" 2>&1 &
TRACING_PIDS="$!"
declare -A TRACED_PID TRACED_PORT
for variant in "${TRACING_VARIANTS[@]}"; do # started together, then each awaited
    TRACED_PORT[$variant]=$(free_port)
    case "$variant" in
        off) export SPRING_AUTOCONFIGURE_EXCLUDE=org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration,org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration ;;
        on) export OTEL_EXPORTER_OTLP_TRACES_ENDPOINT=http://127.0.0.1:$SINK_PORT/v1/traces OTEL_TRACES_SAMPLER_ARG=1.0 ;;
    esac
    # shellcheck disable=SC2086 # JAVA_OPTS holds several options
    DATABASE_URL="$PG/$DB" SERVER_PORT=${TRACED_PORT[$variant]} SERVER_ADDRESS=127.0.0.1 NEWPLOS_BOOTSTRAP_ADMIN=false \
        java ${JAVA_OPTS:-} -jar "$JAR" >"$OUT/app-tracing-$variant.log" 2>&1 &
    TRACED_PID[$variant]=$!; TRACING_PIDS="$TRACING_PIDS $!"
    unset SPRING_AUTOCONFIGURE_EXCLUDE OTEL_EXPORTER_OTLP_TRACES_ENDPOINT OTEL_TRACES_SAMPLER_ARG
done
for variant in "${TRACING_VARIANTS[@]}"; do
    for _ in $(seq 1 1200); do
        curl -fs -o /dev/null "http://127.0.0.1:${TRACED_PORT[$variant]}/readyz" && break
        kill -0 "${TRACED_PID[$variant]}" 2>/dev/null || break
        sleep 0.1
    done
    curl -fs -o /dev/null "http://127.0.0.1:${TRACED_PORT[$variant]}/readyz" \
        || { tail -50 "$OUT/app-tracing-$variant.log" >&2; echo "bench/run.sh: tracing server $variant did not start" >&2; exit 1; }
done
traced_wrk() { # $1 variant, $2 operation, $3 seconds -> JSON line with the server's CPU ticks added
    local pid=${TRACED_PID[$1]} before after
    before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    URL="http://127.0.0.1:${TRACED_PORT[$1]}" run_wrk "$2" "$3" | sed "s/}\$/,\"cpu_ticks\":CPU}/" >"$OUT/traced.tmp"
    after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    sed "s/CPU/$((after - before))/" "$OUT/traced.tmp"
}
HALF=$(( (DURATION + 1) / 2 ))
for op in "${TRACING_OPS[@]}"; do
    for variant in "${TRACING_VARIANTS[@]}"; do traced_wrk "$variant" "$op" "$((JIT_WARMUP * 2))" >/dev/null; done
    for variant in off default on on default off; do
        traced_wrk "$variant" "$op" "$HALF" >>"$OUT/tracing-$variant.$op.json"
    done
    log "tracing $op: $(for v in "${TRACING_VARIANTS[@]}"; do printf '%s %s  ' "$v" "$(tail -1 "$OUT/tracing-$v.$op.json")"; done)"
done
OTLP_POSTS=$(curl -fs "http://127.0.0.1:$SINK_PORT/" | cut -d' ' -f1 || echo 0)
for pid in $TRACING_PIDS; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
TRACING_PIDS=""
log "tracing: the sink received $OTLP_POSTS OTLP posts"

# --- invoice run (issue 14): a full run over every lease, then the no-op re-run ---------------------
INVOICE_RUN=$("$BENCH_DIR/invoice-run.sh" "$PG/$DB" "$BUILT_JAR" "$OUT")
log "$INVOICE_RUN"

# --- EXPLAIN of the key queries (full runs) ------------------------------------------------------
if [ "$MODE" = full ]; then
    "$BENCH_DIR/explain.sh" "$PG/$DB" >"$OUT/explain.txt" 2>&1 || true
fi

JAR_BYTES=$(stat -c %s "$BUILT_JAR")
IMAGE_BYTES=null
if command -v podman >/dev/null 2>&1; then
    IMAGE_BYTES=$(podman image inspect newplos:dev --format '{{.Size}}' 2>/dev/null || echo null)
fi

export READY_SHIPPED_MIGRATED_S READY_SHIPPED_FRESH_S RSS_IDLE_SHIPPED_MB SHIPPED_OPTS MODE DURATION CONNECTIONS LOAD_S VACUUM_S MEMBERS SPACES LEASES DISTRIBUTION READY_MIGRATED_S FIRST_CALL_S \
    READY_FRESH_S FRESH_CREATED_BY FIRST_LOCAL_S EMBEDDED_MS DATABASE_READY_MS COLD_FIRST COLD_NEXT RSS_IDLE_MB RSS_LOAD_MB READY_WARMUP_S MIGRATE_S ALTER_S INDEX_S JAR_BYTES IMAGE_BYTES OUT OTLP_POSTS
BENCH_LOAD=$(cut -d' ' -f1-3 /proc/loadavg); BENCH_CPUS=$(nproc); BENCH_JAVA=$(java -version 2>&1 | head -1)
BENCH_PG_VERSION=$(sql postgres 'SHOW server_version'); BENCH_STARTED_AT=$RUN_ID
export BENCH_LOAD BENCH_CPUS BENCH_JAVA BENCH_PG_VERSION BENCH_STARTED_AT
python3 "$BENCH_DIR/report.py" "${OPERATIONS[@]}"
