# Shared by build.sh, up and down. Source it; it defines functions only.
# shellcheck shell=bash

cluster_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Bump when build.sh changes how the binaries are made (flags, stamps), so old
# builds are not reused.
cluster_build_recipe=1

# The version of a module as go.mod requires it (no go invocation: fast).
cluster_module_version() {
  awk -v m="$1" '$1 == m && $2 ~ /^v/ { print $2; exit }
                 $1 == "require" && $2 == m { print $3; exit }' "$cluster_dir/go.mod"
}

cluster_k8s_version() { cluster_module_version k8s.io/kubernetes; }
cluster_etcd_version() { cluster_module_version go.etcd.io/etcd/server/v3; }

# Names one build: the pinned versions, plus a hash of everything that decides
# the binaries' content (module files, our own Go sources, the recipe, the Go
# toolchain's version).
cluster_bin_key() {
  local goversion hash
  goversion="$(go env GOVERSION 2>/dev/null || echo unknown)"
  hash="$(
    cd "$cluster_dir" &&
      {
        cat go.mod go.sum
        find cmd -type f -name '*.go' | LC_ALL=C sort | xargs cat
        echo "recipe=$cluster_build_recipe go=$goversion"
      } | sha256sum | cut -c1-12
  )"
  echo "k8s-$(cluster_k8s_version)_etcd-$(cluster_etcd_version)_$hash"
}

cluster_bin_dir() { echo "$cluster_dir/.bin/$(cluster_bin_key)"; }

cluster_run_dir="$cluster_dir/.run"

# Is pid alive and one of ours (its arguments name our run folder)? A pid the
# system has since reused for something else is never touched.
cluster_ours() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  { tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null | grep -qF -- "$cluster_run_dir/"
}

# Stops the process recorded in pidfile: TERM, up to 15 s, then KILL. Calls the
# caller's log function. Returns 1 if it is still running.
cluster_stop_pid() { # name pidfile
  local name="$1" file="$2" pid i
  [[ -f "$file" ]] || return 0
  pid="$(tr -dc '0-9' <"$file")"
  if ! cluster_ours "$pid"; then
    log "$name (pid ${pid:-?}) is not running"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null
  for ((i = 0; i < 150; i++)); do
    cluster_ours "$pid" || return 0
    sleep 0.1
  done
  log "$name (pid $pid) did not stop on TERM; killing"
  kill -KILL "$pid" 2>/dev/null
  for ((i = 0; i < 50; i++)); do
    cluster_ours "$pid" || return 0
    sleep 0.1
  done
  echo "cluster: $name (pid $pid) is still running" >&2
  return 1
}
