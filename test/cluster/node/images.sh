#!/usr/bin/env bash
# Builds the test node's two images from Debian's busybox-static, with no
# registry: each is an OCI image layout (one uncompressed layer) packed as a tar
# that `ctr images import` reads.
#   podmortem.test/pause:1   the pod sandbox image (containerd's sandbox_image)
#   podmortem.test/app:1     /bin/app (app.sh): exit N, allocate M MiB, serve HTTP
#                            statuses, sleep; plus every busybox applet on PATH
# Output is byte-for-byte reproducible (fixed mtimes, owners, order).
#
#   images.sh OUT_DIR        writes OUT_DIR/pause.oci.tar and OUT_DIR/app.oci.tar
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="${1:?usage: images.sh OUT_DIR}"
busybox="$(command -v busybox || true)"
[[ -n "$busybox" ]] || { echo "images: busybox (Debian: busybox-static) is not installed" >&2; exit 1; }
# A dynamically linked busybox would need its libc inside the image.
if file -L "$busybox" 2>/dev/null | grep -q 'dynamically linked'; then
  echo "images: $busybox is dynamically linked; install busybox-static" >&2
  exit 1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/podmortem-images.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }

# rootfs: busybox, a link per applet, /bin/app and /pause, the usual empty dirs.
rootfs="$work/rootfs"
mkdir -p "$rootfs"/{bin,tmp,proc,sys,dev,etc,var/run}
chmod 1777 "$rootfs/tmp"
install -m 755 "$busybox" "$rootfs/bin/busybox"
for applet in $("$busybox" --list); do
  [[ -e "$rootfs/bin/$applet" ]] || ln -s busybox "$rootfs/bin/$applet"
done
install -m 755 "$here/app.sh" "$rootfs/bin/app"
install -m 755 "$here/pause.sh" "$rootfs/pause"
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' >"$rootfs/etc/group"

layer="$work/layer.tar"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 --format=posix \
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
  -C "$rootfs" -cf "$layer" .
layer_digest="$(sha "$layer")"

# pack NAME TAG ENTRYPOINT_JSON CMD_JSON -> $out/NAME.oci.tar
pack() {
  local name="$1" tag="$2" entrypoint="$3" cmd="$4"
  local dir="$work/$name" blobs
  blobs="$dir/blobs/sha256"
  mkdir -p "$blobs"
  cp "$layer" "$blobs/$layer_digest"
  printf '{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/bin"],"Entrypoint":%s,"Cmd":%s,"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
    "$entrypoint" "$cmd" "$layer_digest" >"$work/config.json"
  local config_digest
  config_digest="$(sha "$work/config.json")"
  cp "$work/config.json" "$blobs/$config_digest"
  printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"sha256:%s","size":%s}]}' \
    "$config_digest" "$(size "$work/config.json")" "$layer_digest" "$(size "$layer")" >"$work/manifest.json"
  local manifest_digest
  manifest_digest="$(sha "$work/manifest.json")"
  cp "$work/manifest.json" "$blobs/$manifest_digest"
  printf '{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"io.containerd.image.name":"podmortem.test/%s:%s","org.opencontainers.image.ref.name":"%s"}}]}' \
    "$manifest_digest" "$(size "$work/manifest.json")" "$name" "$tag" "$tag" >"$dir/index.json"
  printf '{"imageLayoutVersion":"1.0.0"}' >"$dir/oci-layout"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$dir" -cf "$out/$name.oci.tar" oci-layout index.json blobs
}

pack pause 1 '["/pause"]' 'null'
pack app 1 '["/bin/app"]' '["sleep"]'
echo "images: built podmortem.test/pause:1 and podmortem.test/app:1 (layer sha256:${layer_digest:0:12}, $(($(size "$layer") / 1024)) KiB) in $out"
