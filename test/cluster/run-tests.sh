#!/usr/bin/env bash
# The cluster suite: build the control plane if needed, start it, seed it, run
# the vitest tests under test/cluster/, and always stop it again (pass, fail,
# Ctrl-C or TERM). Exits with vitest's exit code. Extra arguments go to vitest.
#
#   run-tests.sh [VITEST ARGS]            the control-plane suite (npm run test:cluster)
#   run-tests.sh --e2e [VITEST ARGS]      a real node (up --node) and test/e2e/ (npm run test:e2e)
#   run-tests.sh --record [VITEST ARGS]   the same, keeping each recorded incident in
#                                         fixtures/recorded/ (npm run fixtures:record); only
#                                         when every test passed, so a failed run never leaves
#                                         a half-written set. A full run replaces the folder;
#                                         a filtered one (-t NAME) replaces just what it recorded.
set -uo pipefail

mode=cluster
case "${1:-}" in
  --e2e) mode=e2e; shift ;;
  --record) mode=record; shift ;;
esac

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
started=$SECONDS
child=""
summary=""
record_dir=""
host_before=""

finish() {
  local code=$?
  trap - EXIT INT TERM
  # A child still running (we were interrupted): stop it by its pid.
  if [[ -n "$child" ]] && kill -0 "$child" 2>/dev/null; then
    kill -TERM "$child" 2>/dev/null
    wait "$child" 2>/dev/null
  fi
  [[ -z "$record_dir" ]] || rm -rf "$record_dir"
  local down_started=$SECONDS
  "$here/down" || code=1
  echo "cluster:test: down took $((SECONDS - down_started))s" >&2
  if [[ -n "$host_before" ]]; then
    # The node must leave the host as it found it.
    # (diff exits 1 when they differ; under pipefail that is not a failure of the check.)
    local left
    left="$(bash "$here/node/host-state.sh" | { diff "$host_before" - || true; } | grep '^[<>]')"
    if [[ -n "$left" ]]; then
      echo "cluster:test: down left the host changed (< before up, > after down):" >&2
      echo "$left" | sed 's/^/cluster:test:   /' >&2
      code=1
    else
      echo "cluster:test: host state after down matches the state before up" >&2
    fi
    rm -f "$host_before"
  fi
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
phase_started=$SECONDS
phase() { # name: prints how long the previous phase took (CI logs, README numbers)
  echo "cluster:test: $1 took $((SECONDS - phase_started))s" >&2
  phase_started=$SECONDS
}
if [[ $mode == cluster ]]; then
  step bash "$here/build.sh" || exit $?
  phase build
  step npx --no-install tsc -p "$here/tsconfig.json" || { echo "cluster:test: type errors in test/cluster" >&2; exit 1; }
  step "$here/up" || exit $?
  step node "$here/seed.mjs" --kubeconfig "$here/.run/admin.kubeconfig" || exit $?
  phase up
  config="$here/vitest.config.ts"
  label=cluster
else
  e2e="$repo/test/e2e"
  step bash "$here/build.sh" --node || exit $?
  phase build
  step npx --no-install tsc -p "$e2e/tsconfig.json" || { echo "cluster:test: type errors in test/e2e" >&2; exit 1; }
  # What the host looks like without a node (a crashed run's leftovers removed first).
  "$here/down" --quiet || exit 1
  host_before="$(mktemp "${TMPDIR:-/tmp}/podmortem-host-before.XXXXXX")"
  bash "$here/node/host-state.sh" >"$host_before"
  step "$here/up" --node || exit $?
  phase up
  config="$e2e/vitest.config.ts"
  label=e2e
  if [[ $mode == record ]]; then
    record_dir="$(mktemp -d "${TMPDIR:-/tmp}/podmortem-recording.XXXXXX")"
    export PODMORTEM_RECORD_DIR="$record_dir"
  fi
fi

export PODMORTEM_CLUSTER_ENV="$here/.run/env"
results="$(mktemp "${TMPDIR:-/tmp}/podmortem-cluster-results.XXXXXX.json")"
step npx --no-install vitest run --config "$config" \
  --reporter=default --reporter=json --outputFile.json="$results" "$@"
code=$?
phase tests
if [[ -n "$record_dir" ]]; then
  recorded="$repo/fixtures/recorded"
  if [[ $code -ne 0 ]]; then
    echo "fixtures:record: a test failed; ${recorded#"$repo/"} left as it was" >&2
  else
    # A full run is the whole set: a workload that is gone must not leave its old recording behind.
    [[ $# -gt 0 ]] || rm -rf "$recorded"
    mkdir -p "$recorded"
    for folder in "$record_dir"/*/; do
      name="$(basename "$folder")"
      rm -rf "${recorded:?}/$name"
      cp -r "$folder" "$recorded/$name"
      chmod 644 "$recorded/$name"/*
    done
    echo "fixtures:record: $(find "$record_dir" -mindepth 1 -maxdepth 1 -type d | wc -l) incidents recorded in ${recorded#"$repo/"}/" >&2
  fi
fi
# One plain closing line ("cluster: N passed, N failed") for CI logs, printed
# last, after the control plane is down.
summary="$(node -e '
  const r = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  const skipped = r.numPendingTests + r.numTodoTests;
  console.log(`${process.argv[2]}: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
' "$results" "$label" 2>/dev/null || echo "$label: no test results (vitest exit $code)")"
rm -f "$results"
exit $code
