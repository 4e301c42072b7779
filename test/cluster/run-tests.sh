#!/usr/bin/env bash
# The cluster suite: build the control plane if needed, start it, seed it, run
# the vitest tests under test/cluster/, and always stop it again (pass, fail,
# Ctrl-C or TERM). Exits with vitest's exit code. Extra arguments go to vitest.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
started=$SECONDS
child=""
summary=""

finish() {
  local code=$?
  trap - EXIT INT TERM
  # A child still running (we were interrupted): stop it by its pid.
  if [[ -n "$child" ]] && kill -0 "$child" 2>/dev/null; then
    kill -TERM "$child" 2>/dev/null
    wait "$child" 2>/dev/null
  fi
  "$here/down" || code=1
  echo "cluster:test: finished in $((SECONDS - started))s (exit $code)" >&2
  [[ -z "$summary" ]] || echo "$summary"
  exit "$code"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Run a step in the background and wait for it, so INT/TERM reach the trap at
# once instead of after the step ends.
step() {
  "$@" &
  child=$!
  wait "$child"
  local code=$?
  child=""
  return "$code"
}

cd "$repo"
step bash "$here/build.sh" || exit $?
step npx --no-install tsc -p "$here/tsconfig.json" || { echo "cluster:test: type errors in test/cluster" >&2; exit 1; }
step "$here/up" || exit $?
step node "$here/seed.mjs" --kubeconfig "$here/.run/admin.kubeconfig" || exit $?

export PODMORTEM_CLUSTER_ENV="$here/.run/env"
results="$(mktemp "${TMPDIR:-/tmp}/podmortem-cluster-results.XXXXXX.json")"
step npx --no-install vitest run --config "$here/vitest.config.ts" \
  --reporter=default --reporter=json --outputFile.json="$results" "$@"
code=$?
# One plain closing line ("cluster: N passed, N failed") for CI logs, printed
# last, after the control plane is down.
summary="$(node -e '
  const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`cluster: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$results" 2>/dev/null || echo "cluster: no test results (vitest exit $code)")"
rm -f "$results"
exit $code
