#!/usr/bin/env bash
# Builds the integration-test control plane (etcd + kube-apiserver) and the
# kubectl the tests run podmortem's suggested commands with, from the Go module
# in this folder into test/cluster/.bin/<key>/, where <key> names the
# pinned versions and hashes everything that decides the binaries' content.
# A build whose binaries are already there is skipped, so only the first run on
# a machine pays for the compile (see README.md for the measured times).
#
# Needs: go (>= the version in go.mod). Network: only the Go module proxy, and
# only when the module cache does not have the dependencies yet (go build
# fetches just the modules the three binaries need, checked against go.sum).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

# shellcheck source=lib.sh
source "$here/lib.sh"

key="$(cluster_bin_key)"
bin_dir="$here/.bin/$key"

if [[ -x "$bin_dir/etcd" && -x "$bin_dir/kube-apiserver" && -x "$bin_dir/kubectl" && -f "$bin_dir/.complete" ]]; then
  echo "cluster:build: binaries for $key already built in ${bin_dir#"$here/"}; skipping"
  exit 0
fi

command -v go >/dev/null || { echo "cluster:build: 'go' is not on PATH" >&2; exit 1; }

k8s_version="$(cluster_k8s_version)"
k8s_minor="$(echo "$k8s_version" | cut -d. -f2)"

# Build into a temporary folder next to the final one and rename at the end, so
# an interrupted build never leaves a half-filled folder that looks complete.
tmp_dir="$(mktemp -d "$here/.bin/.build-XXXXXX" 2>/dev/null || { mkdir -p "$here/.bin" && mktemp -d "$here/.bin/.build-XXXXXX"; })"
trap 'rm -rf "$tmp_dir"' EXIT

# Report the stamp the real release build would, so /version says v1.34.x.
version_pkg="k8s.io/component-base/version"
ldflags="-s -w"
ldflags+=" -X $version_pkg.gitVersion=$k8s_version"
ldflags+=" -X $version_pkg.gitMajor=1"
ldflags+=" -X $version_pkg.gitMinor=$k8s_minor"
ldflags+=" -X $version_pkg.gitTreeState=clean"

export CGO_ENABLED=0
export GOFLAGS="-mod=readonly -buildvcs=false"

start=$(date +%s)
echo "cluster:build: building etcd, kube-apiserver and kubectl ($key); the first build takes several minutes"

echo "cluster:build: etcd"
go build -trimpath -ldflags "-s -w" -o "$tmp_dir/etcd" ./cmd/etcd

echo "cluster:build: kube-apiserver $k8s_version"
go build -trimpath -ldflags "$ldflags" -o "$tmp_dir/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver

# The same release stamp, so `kubectl version --client` says v1.34.x as a
# downloaded kubectl would (kubectl reads it from component-base too).
echo "cluster:build: kubectl $k8s_version"
go build -trimpath -ldflags "$ldflags" -o "$tmp_dir/kubectl" k8s.io/kubernetes/cmd/kubectl

end=$(date +%s)
touch "$tmp_dir/.complete"
chmod 755 "$tmp_dir"

rm -rf "$bin_dir"
mv "$tmp_dir" "$bin_dir"
trap - EXIT

# Older keys are builds of other pins: drop them so the cache does not grow.
for old in "$here"/.bin/*/; do
  [[ "$(basename "$old")" == "$key" ]] || rm -rf "$old"
done

echo "cluster:build: done in $((end - start))s"
for b in etcd kube-apiserver kubectl; do
  stat -c %s "$bin_dir/$b" | awk -v b="$b" '{ printf "cluster:build:   %-15s %6.1f MiB\n", b, $1 / 1048576 }'
done
