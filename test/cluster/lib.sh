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
