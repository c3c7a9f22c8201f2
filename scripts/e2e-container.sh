#!/usr/bin/env bash
# End-to-end test of the container image against a real PostgreSQL server with no init scripts
# (PRODUCT.md S12, S1, S2, S10). Run from anywhere: scripts/e2e-container.sh
#
# Needs: podman (set up by ../shared/recipes/podman-setup.sh beside the repository, or PODMAN_SETUP),
# a PostgreSQL server whose superuser may create databases and roles (E2E_PGHOST/E2E_PGPORT/E2E_PGUSER,
# default 127.0.0.1:5432 postgres, trust auth), psql and curl on the host.
#   1. fresh, uniquely named database (not created beforehand): the container creates and migrates it,
#      is ready within 60 s, `newplos create-admin` via podman exec, an authenticated API call and an
#      admin page after a form login answer 200, `newplos doctor` passes, the HEALTHCHECK passes,
#      SIGTERM stops it gracefully.
#   2. a role without CREATEDB: the container never gets ready and its log holds the CREATE DATABASE SQL.
#   3. two containers started at once on another fresh database: both become ready.
# Everything it creates (containers, databases, role, image tag) is removed on exit, also on failure.
# Exit 0 when all cases pass. Prints measurements (build time, image size, start-to-ready, run time).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
t0=$SECONDS

log() { printf '[e2e %3ds] %s\n' $((SECONDS - t0)) "$*"; }
fail() { printf '[e2e %3ds] FAIL: %s\n' $((SECONDS - t0)) "$*" >&2; exit 1; }

# --- podman, via the recipe ------------------------------------------------------------------------
setup=${PODMAN_SETUP:-}
if [ -z "$setup" ]; then
  for candidate in "$root/../shared/recipes/podman-setup.sh" "$(git -C "$root" rev-parse --path-format=absolute --git-common-dir 2>/dev/null)/../../shared/recipes/podman-setup.sh"; do
    if [ -x "$candidate" ]; then setup=$candidate; break; fi
  done
fi
[ -n "$setup" ] || fail "podman recipe not found: set PODMAN_SETUP=/path/to/shared/recipes/podman-setup.sh"
eval "$("$setup")"
podman() { command podman --runtime runc "$@"; }

export PGHOST=${E2E_PGHOST:-127.0.0.1} PGPORT=${E2E_PGPORT:-5432} PGUSER=${E2E_PGUSER:-postgres}
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -d postgres -At "$@"; }
pg_isready -q || fail "PostgreSQL not reachable at $PGHOST:$PGPORT"

run_id="$(date +%s)_$$"
image="localhost/newplos:e2e-${run_id//_/-}"
containers=()
databases=()
roles=()

cleanup() {
  local code=$?
  set +e
  for c in "${containers[@]}"; do podman rm -f -t 5 "$c" >/dev/null 2>&1; done
  for d in "${databases[@]}"; do psql_admin -c "DROP DATABASE IF EXISTS \"$d\" WITH (FORCE)" >/dev/null 2>&1; done
  for r in "${roles[@]}"; do psql_admin -c "DROP ROLE IF EXISTS \"$r\"" >/dev/null 2>&1; done
  podman rmi "$image" >/dev/null 2>&1
  # the build's first stage (layer extraction) left an untagged image; later builds don't need it
  podman image prune -f --filter label=org.newplos.stage=layers >/dev/null 2>&1
  if [ "$code" -eq 0 ]; then log "cleaned up"; else log "cleaned up after failure (exit $code)"; fi
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The readiness deadline is 60 s (E2E_READY_SECONDS). On a machine shared with other CPU-heavy jobs the
# JVM starts proportionally slower, so when the load average is far above the core count the deadline
# grows with it (at most 5 minutes), and the script says so.
ready_limit=${E2E_READY_SECONDS:-60}
load=$(cut -d' ' -f1 /proc/loadavg)
factor=$(awk -v l="$load" -v n="$(nproc)" 'BEGIN { f = l / (2 * n); if (f < 1) f = 1; if (f > 5) f = 5; printf "%d", f + 0.999 }')
if [ "$factor" -gt 1 ]; then
  log "NOTE: load average $load on $(nproc) cores: readiness deadline raised from ${ready_limit}s to $((ready_limit * factor))s"
  ready_limit=$((ready_limit * factor))
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
database_exists() { [ "$(psql_admin -c "SELECT count(*) FROM pg_database WHERE datname = '$1'")" = 1 ]; }

# Starts a container named $1 on port $2 with DATABASE_URL $3 (extra podman args after).
start() {
  local name=$1 port=$2 url=$3
  shift 3
  containers+=("$name")
  # HEALTHCHECK timers need systemd, which this machine lacks; `podman healthcheck run` still works.
  podman run -d --name "$name" --network host --read-only --tmpfs /tmp:rw,size=256m \
    -e SERVER_PORT="$port" -e DATABASE_URL="$url" "$@" "$image" 2>/dev/null >/dev/null
}
ready() { curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/readyz" 2>/dev/null; }
# Waits until port $1 is ready, at most $2 seconds after $3 (default now); prints the seconds it took.
wait_ready() {
  local port=$1 limit=$2 begin=${3:-$SECONDS}
  while ((SECONDS - begin < limit)); do
    if ready "$port"; then echo $((SECONDS - begin)); return 0; fi
    sleep 0.5
  done
  return 1
}
show_log() { echo "---- log of $1 (last 40 lines) ----" >&2; podman logs --tail 40 "$1" >&2 2>&1 || true; }

# --- jar and image ----------------------------------------------------------------------------------
if [ ! -f target/newplos.jar ]; then
  log "building the jar"
  ./mvnw -B -ntp -q -DskipTests package
fi
log "building image $image (base $BASE_IMAGE)"
build_start=$SECONDS
podman build --isolation chroot --format docker --build-arg BASE_IMAGE="$BASE_IMAGE" -t "$image" . >"/tmp/newplos-e2e-build-$run_id.log" 2>&1 \
  || { tail -30 "/tmp/newplos-e2e-build-$run_id.log" >&2; rm -f "/tmp/newplos-e2e-build-$run_id.log"; fail "image build"; }
rm -f "/tmp/newplos-e2e-build-$run_id.log"
build_seconds=$((SECONDS - build_start))
image_size=$(podman image inspect "$image" --format '{{.Size}}')
log "image built in ${build_seconds}s, $((image_size / 1000000)) MB"

commands=$(podman run --rm "$image" --help 2>/dev/null)
# The database lifecycle work (issue B: provisioning, migrate command, database checks in doctor)
if grep -qw migrate <<<"$commands"; then lifecycle=1; else lifecycle=0; fi
if grep -qw doctor <<<"$commands"; then has_doctor=1; else has_doctor=0; fi

# --- case 1: fresh database, full walk-through ---------------------------------------------------------
db1="newplos_e2e_${run_id}"
databases+=("$db1")
database_exists "$db1" && fail "database $db1 exists before the test"
if [ "$lifecycle" = 0 ]; then
  # Database provisioning (issue B) is not in this build yet: create the database here
  # and skip what needs them, saying so. Once they land, nothing is created beforehand.
  log "NOTE: this build has no 'migrate' command (database lifecycle work not merged): creating $db1 beforehand, skipping cases 2-3"
  psql_admin -c "CREATE DATABASE \"$db1\" TEMPLATE template0 ENCODING 'UTF8'"
fi
port1=$(free_port)
c1="newplos-e2e-${run_id}-1"
log "case 1: starting $c1 on port $port1, database $db1 (read-only root filesystem)"
begin=$SECONDS
start "$c1" "$port1" "postgres://postgres@127.0.0.1:5432/$db1"
ready_seconds=$(wait_ready "$port1" "$ready_limit" "$begin") || { show_log "$c1"; fail "case 1: not ready within $ready_limit s of podman run"; }
log "case 1: ready after ${ready_seconds}s"

database_exists "$db1" || fail "case 1: database $db1 does not exist"
tables=$(psql -X -At -d "$db1" -c "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables
  WHERE table_schema = 'public' AND table_name IN ('plans', 'spaces', 'members', 'leases', 'users', 'flyway_schema_history')")
[ "$tables" = "flyway_schema_history,leases,members,plans,spaces,users" ] || fail "case 1: tables missing, found: $tables"
failed=$(psql -X -At -d "$db1" -c "SELECT count(*) FROM flyway_schema_history WHERE NOT success")
[ "$failed" = 0 ] || fail "case 1: failed migrations in flyway_schema_history"
log "case 1: tables exist ($tables)"

email="ops-${run_id}@example.com"
password="e2e-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
printf '%s\n' "$password" | podman exec -i "$c1" newplos create-admin --email "$email" \
  || { show_log "$c1"; fail "case 1: newplos create-admin"; }
log "case 1: newplos create-admin via podman exec: ok"

status=$(curl -s -o /dev/null -w '%{http_code}' -u "$email:$password" "http://127.0.0.1:$port1/api/v1/plans")
[ "$status" = 200 ] || fail "case 1: GET /api/v1/plans with Basic auth answered $status"
status=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port1/api/v1/plans")
[ "$status" = 401 ] || fail "case 1: GET /api/v1/plans without credentials answered $status, expected 401"
log "case 1: authenticated API call 200 (401 without credentials)"

jar=$(mktemp)
csrf=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$port1/login" | sed -n 's/.*name="_csrf" *value="\([^"]*\)".*/\1/p' | head -n1)
[ -n "$csrf" ] || fail "case 1: no CSRF token on /login"
status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" --data-urlencode "username=$email" \
  --data-urlencode "password=$password" --data-urlencode "_csrf=$csrf" "http://127.0.0.1:$port1/login")
[ "$status" = 302 ] || fail "case 1: form login answered $status"
for page in / /members; do
  status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" -H 'Accept: text/html' "http://127.0.0.1:$port1$page")
  [ "$status" = 200 ] || { rm -f "$jar"; fail "case 1: admin page $page after login answered $status"; }
done
rm -f "$jar"
log "case 1: form login, then admin pages / and /members 200"

podman healthcheck run "$c1" >/dev/null 2>&1 || fail "case 1: the image's HEALTHCHECK (curl /readyz) fails"
log "case 1: HEALTHCHECK passes"

if [ "$has_doctor" = 1 ]; then
  doctor_code=0
  doctor=$(podman exec "$c1" newplos doctor 2>&1) || doctor_code=$?
  [ "$doctor_code" = 0 ] || { echo "$doctor" >&2; fail "case 1: newplos doctor exit $doctor_code"; }
  grep -q '^FAIL' <<<"$doctor" && { echo "$doctor" >&2; fail "case 1: doctor printed FAIL"; }
  if [ "$lifecycle" = 1 ]; then
    grep -q '^PASS' <<<"$doctor" || { echo "$doctor" >&2; fail "case 1: doctor printed no PASS"; }
    podman exec "$c1" newplos migrate --check >/dev/null 2>&1 || fail "case 1: newplos migrate --check is not clean"
  fi
  log "case 1: newplos doctor: no FAIL ($(grep -c '^PASS' <<<"$doctor") PASS, $(grep -c '^WARN' <<<"$doctor") WARN)$([ "$lifecycle" = 1 ] && echo ', migrate --check clean')"
else
  log "NOTE: this build has no 'doctor' command: doctor check skipped"
fi

podman kill --signal TERM "$c1" >/dev/null 2>&1
code=$(timeout 40 podman wait "$c1" 2>/dev/null) || fail "case 1: still running 40 s after SIGTERM"
logs=$(podman logs "$c1" 2>&1)
grep -q "Graceful shutdown complete" <<<"$logs" || { show_log "$c1"; fail "case 1: no graceful shutdown in the log"; }
case "$code" in 0|143) ;; *) show_log "$c1"; fail "case 1: exit code $code after SIGTERM" ;; esac
log "case 1: SIGTERM -> graceful shutdown, exit code $code"

if [ "$lifecycle" = 1 ]; then
  # --- case 2: role without CREATEDB ---------------------------------------------------------------------
  role="newplos_e2e_nocreate_${run_id}"
  db2="newplos_e2e_${run_id}_nodb"
  roles+=("$role")
  databases+=("$db2")
  psql_admin -c "CREATE ROLE \"$role\" LOGIN NOCREATEDB PASSWORD 'e2e-secret'"
  port2=$(free_port)
  c2="newplos-e2e-${run_id}-2"
  log "case 2: role $role without CREATEDB, missing database $db2"
  start "$c2" "$port2" "postgres://$role:e2e-secret@127.0.0.1:5432/$db2"
  found=0
  for _ in $(seq 1 "$ready_limit"); do
    ready "$port2" && { show_log "$c2"; fail "case 2: became ready without its database"; }
    if podman logs "$c2" 2>&1 | grep -q "CREATE DATABASE"; then found=1; break; fi
    sleep 1
  done
  [ "$found" = 1 ] || { show_log "$c2"; fail "case 2: the log holds no CREATE DATABASE statement"; }
  sleep 3
  ready "$port2" && fail "case 2: became ready without its database"
  database_exists "$db2" && fail "case 2: database $db2 exists although the role may not create it"
  log "case 2: not ready; the log says: $(podman logs "$c2" 2>&1 | grep -m1 -o 'CREATE DATABASE[^;]*;\?')"
  podman rm -f -t 2 "$c2" >/dev/null 2>&1

  # --- case 3: two replicas at once on a fresh database --------------------------------------------------
  db3="newplos_e2e_${run_id}_pair"
  databases+=("$db3")
  port3a=$(free_port); port3b=$(free_port)
  c3a="newplos-e2e-${run_id}-3a"; c3b="newplos-e2e-${run_id}-3b"
  log "case 3: $c3a and $c3b at once on fresh database $db3"
  start "$c3a" "$port3a" "postgres://postgres@127.0.0.1:5432/$db3" &
  start "$c3b" "$port3b" "postgres://postgres@127.0.0.1:5432/$db3" &
  wait
  containers+=("$c3a" "$c3b")
  wait_ready "$port3a" $((ready_limit * 2)) >/dev/null || { show_log "$c3a"; fail "case 3: $c3a not ready"; }
  wait_ready "$port3b" $((ready_limit * 2)) >/dev/null || { show_log "$c3b"; fail "case 3: $c3b not ready"; }
  applied=$(psql -X -At -d "$db3" -c "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")
  distinct=$(psql -X -At -d "$db3" -c "SELECT count(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL")
  [ "$applied" = "$distinct" ] || fail "case 3: migrations applied twice ($applied rows, $distinct versions)"
  log "case 3: both ready, each of $distinct migrations applied once"
fi

total=$((SECONDS - t0))
summary="image build ${build_seconds}s; image size $((image_size / 1000000)) MB; case 1 start-to-ready ${ready_seconds}s (deadline ${ready_limit}s, load average $load on $(nproc) cores at start); e2e total ${total}s"
[ "$lifecycle" = 1 ] || summary="$summary (cases 2-3 skipped: no database provisioning in this build)"
mkdir -p target && echo "$summary" > target/e2e-container.txt
log "PASSED: $summary"
