#!/usr/bin/env bash
# Builds the integration-test control plane (etcd + kube-apiserver) and the
# kubectl the tests run podmortem's suggested commands with, from the Go module
# in this folder into test/cluster/.bin/<key>/, where <key> names the
# pinned versions and hashes everything that decides the binaries' content.
# With --node it also builds what a real node needs at the same release:
# kubelet, kube-scheduler and kube-controller-manager (npm run test:e2e).
# A set whose binaries are already there is skipped, so only the first run on
# a machine pays for the compile (see README.md for the measured times).
#
#   build.sh           etcd, kube-apiserver, kubectl             (marker .complete)
#   build.sh --node    the above, then kubelet, kube-scheduler,
#                      kube-controller-manager, cri-reset        (marker .complete-node)
#
# Needs: go (>= the version in go.mod). Network: only the Go module proxy, and
# only when the module cache does not have the dependencies yet (go build
# fetches just the modules the binaries need, checked against go.sum).
set -euo pipefail

with_node=0
for arg in "$@"; do
  case "$arg" in
    --node) with_node=1 ;;
    *) echo "usage: $0 [--node]" >&2; exit 2 ;;
  esac
done

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

# shellcheck source=lib.sh
source "$here/lib.sh"

key="$(cluster_bin_key)"
bin_dir="$here/.bin/$key"

node_binaries=(kubelet kube-scheduler kube-controller-manager cri-reset)

control_plane_built() { [[ -x "$bin_dir/etcd" && -x "$bin_dir/kube-apiserver" && -x "$bin_dir/kubectl" && -f "$bin_dir/.complete" ]]; }
node_built() {
  local b
  for b in "${node_binaries[@]}"; do [[ -x "$bin_dir/$b" ]] || return 1; done
  [[ -f "$bin_dir/.complete-node" ]]
}

if control_plane_built && { [[ $with_node -eq 0 ]] || node_built; }; then
  echo "cluster:build: binaries for $key already built in ${bin_dir#"$here/"}; skipping"
  exit 0
fi

command -v go >/dev/null || { echo "cluster:build: 'go' is not on PATH" >&2; exit 1; }

k8s_version="$(cluster_k8s_version)"
k8s_minor="$(echo "$k8s_version" | cut -d. -f2)"

# Report the stamp the real release build would, so /version (and the Node's
# kubeletVersion) say v1.34.x.
version_pkg="k8s.io/component-base/version"
ldflags="-s -w"
ldflags+=" -X $version_pkg.gitVersion=$k8s_version"
ldflags+=" -X $version_pkg.gitMajor=1"
ldflags+=" -X $version_pkg.gitMinor=$k8s_minor"
ldflags+=" -X $version_pkg.gitTreeState=clean"

export CGO_ENABLED=0
export GOFLAGS="-mod=readonly -buildvcs=false"

mkdir -p "$here/.bin"
# Build into a temporary folder next to the final one and move into place at
# the end, so an interrupted build never leaves a half-filled folder that looks
# complete.
tmp_dir="$(mktemp -d "$here/.bin/.build-XXXXXX")"
trap 'rm -rf "$tmp_dir"' EXIT

start=$(date +%s)
built=()

if ! control_plane_built; then
  echo "cluster:build: building etcd, kube-apiserver and kubectl ($key); the first build takes several minutes"
  echo "cluster:build: etcd"
  go build -trimpath -ldflags "-s -w" -o "$tmp_dir/etcd" ./cmd/etcd
  echo "cluster:build: kube-apiserver $k8s_version"
  go build -trimpath -ldflags "$ldflags" -o "$tmp_dir/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver
  # The same release stamp, so `kubectl version --client` says v1.34.x as a
  # downloaded kubectl would (kubectl reads it from component-base too).
  echo "cluster:build: kubectl $k8s_version"
  go build -trimpath -ldflags "$ldflags" -o "$tmp_dir/kubectl" k8s.io/kubernetes/cmd/kubectl
  touch "$tmp_dir/.complete"
  # A new control plane means a new key: whatever node binaries were there are
  # from another key's folder and go with it.
  rm -rf "$bin_dir"
  chmod 755 "$tmp_dir"
  mv "$tmp_dir" "$bin_dir"
  tmp_dir="$(mktemp -d "$here/.bin/.build-XXXXXX")"
  built+=(etcd kube-apiserver kubectl)
fi

if [[ $with_node -eq 1 ]] && ! node_built; then
  echo "cluster:build: building ${node_binaries[*]} $k8s_version (one go build, so they share compiled packages)"
  go build -trimpath -ldflags "$ldflags" -o "$tmp_dir/" \
    k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kube-controller-manager \
    ./cmd/cri-reset
  for b in "${node_binaries[@]}"; do mv "$tmp_dir/$b" "$bin_dir/$b"; done
  touch "$bin_dir/.complete-node"
  built+=("${node_binaries[@]}")
fi

end=$(date +%s)

# Older keys are builds of other pins: drop them so the cache does not grow.
for old in "$here"/.bin/*/; do
  [[ "$(basename "$old")" == "$key" ]] || rm -rf "$old"
done

echo "cluster:build: done in $((end - start))s"
for b in "${built[@]}"; do
  stat -c %s "$bin_dir/$b" | awk -v b="$b" '{ printf "cluster:build:   %-24s %6.1f MiB\n", b, $1 / 1048576 }'
done
