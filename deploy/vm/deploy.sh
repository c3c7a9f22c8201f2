#!/usr/bin/env bash
# Deploys one image tag with compose on this VM and rolls back if it never gets ready.
#   deploy/vm/deploy.sh <folder with compose.yaml and .env> <image tag> [ready timeout seconds]
# Used by .github/workflows/deploy.yml over SSH (`bash -s`); works by hand too.
# Exit: 0 deployed and ready; 1 not ready in time (previous tag restored); 2 usage.
set -euo pipefail
dir=${1:?usage: deploy.sh DIR TAG [TIMEOUT]}
tag=${2:?usage: deploy.sh DIR TAG [TIMEOUT]}
timeout=${3:-180}
cd "$dir"
compose() { docker compose "$@"; }

current_tag() { sed -n 's/^NEWPLOS_TAG=//p' .env | tail -n1; }
set_tag() {
  if grep -q '^NEWPLOS_TAG=' .env; then sed -i "s/^NEWPLOS_TAG=.*/NEWPLOS_TAG=$1/" .env
  else echo "NEWPLOS_TAG=$1" >> .env; fi
}
wait_ready() {
  local deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    if compose exec -T newplos curl -fsS -o /dev/null "http://127.0.0.1:8080/readyz" 2>/dev/null; then
      return 0
    fi
    sleep 3
  done
  return 1
}

previous=$(current_tag)
echo "deploying tag $tag (previous: ${previous:-none}), readiness deadline ${timeout}s"
set_tag "$tag"
compose pull newplos
compose up -d --remove-orphans
if wait_ready; then
  echo "ready: $tag"
  exit 0
fi

echo "NOT READY within ${timeout}s: $tag; last log lines:" >&2
compose logs --no-color --tail 80 newplos >&2 || true
if [ -n "$previous" ] && [ "$previous" != "$tag" ]; then
  echo "rolling back to $previous" >&2
  set_tag "$previous"
  compose up -d newplos
  if wait_ready; then echo "rolled back, ready: $previous" >&2; else echo "rollback NOT ready either" >&2; fi
fi
exit 1
