#!/usr/bin/env bash
# Stops the test node that node/start.sh started and puts the machine back as
# it was: kubelet first (so nothing restarts the pods), then every pod sandbox
# and container through CRI (cri-reset: the CNI DEL that removes each pod's
# network namespace, veth and IP), the scheduler and controller manager, then
# containerd and any shim left. Then it unmounts what is still mounted under
# .run/node, deletes the bridge (which holds the node's address), removes the
# cgroups under the node's cgroup root, restores the sysctls start.sh saved,
# drops iptables chains kubelet or CNI added, and removes what was added to
# the host folders the runtime uses. Run by ../down; idempotent.
#
#   --quiet   say nothing unless something is wrong
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"
# shellcheck source=lib.sh
source "$here/lib.sh"

quiet=0
[[ "${1:-}" == "--quiet" ]] && quiet=1
log() { [[ $quiet -eq 1 ]] || echo "cluster:node: $*" >&2; }
warn() { echo "cluster:node: $*" >&2; }

[[ -d "$node_dir" ]] || exit 0
status=0
sock="$node_dir/containerd.sock"

cluster_stop_pid kubelet "$node_dir/kubelet.pid" || status=1

if [[ -S "$sock" ]] && cluster_ours "$(cat "$node_dir/containerd.pid" 2>/dev/null)"; then
  reset="$(cluster_bin_dir)/cri-reset"
  if [[ -x "$reset" ]]; then
    log "removing every pod sandbox and container (CRI)"
    if out="$("$reset" --endpoint "unix://$sock" --timeout 90s 2>&1)"; then
      [[ $quiet -eq 1 ]] || { [[ -z "$out" ]] || echo "$out" | sed 's/^/cluster:node:   /' >&2; }
    else
      warn "cri-reset failed: $out"
      status=1
    fi
  fi
fi

cluster_stop_pid kube-scheduler "$node_dir/kube-scheduler.pid" || status=1
cluster_stop_pid kube-controller-manager "$node_dir/kube-controller-manager.pid" || status=1
cluster_stop_pid containerd "$node_dir/containerd.pid" || status=1

# Shims outlive containerd by design (/usr/bin/containerd-shim-runc-v2 ...
# -address SOCK); ours name our socket on their command line.
for cmdline in /proc/[0-9]*/cmdline; do
  pid="${cmdline#/proc/}"
  pid="${pid%/cmdline}"
  if { tr '\0' ' ' <"$cmdline"; } 2>/dev/null | grep -qE "^([^ ]*/)?containerd-shim[^ ]* .*-address $sock( |\$)"; then
    echo "$pid" >"$node_dir/shim.pid"
    cluster_stop_pid "containerd-shim" "$node_dir/shim.pid" || status=1
  fi
done

# Processes still in the node's cgroups are containers nothing stopped.
for procs in /sys/fs/cgroup/pids/"$cgroup_root"/ /sys/fs/cgroup/memory/"$cgroup_root"/; do
  [[ -d "$procs" ]] || continue
  left="$(find "$procs" -name cgroup.procs -exec cat {} + 2>/dev/null | sort -u)"
  if [[ -n "$left" ]]; then
    warn "killing processes left in the node's cgroups: $(echo $left)"
    # shellcheck disable=SC2086
    kill -KILL $left 2>/dev/null
    # Their cgroups can only be removed once they are gone: up to 5 s.
    for ((i = 0; i < 50; i++)); do
      [[ -z "$(find "$procs" -name cgroup.procs -exec cat {} + 2>/dev/null)" ]] && break
      sleep 0.1
    done
  fi
done

# Mounts under .run/node (overlay rootfs, shm, kubelet's volumes), deepest first.
mapfile -t mounts < <(awk -v p="$node_dir/" 'index($5, p) == 1 { print $5 }' /proc/self/mountinfo | sort -r)
for m in "${mounts[@]}"; do
  umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || { warn "could not unmount $m"; status=1; }
done

# Network namespaces CNI made (bind mounts in /var/run/netns) that CRI left.
before="$node_dir/host-dirs.before"
added_to() { # dir -> entries that were not there before start.sh
  local dir="$1"
  [[ -d "$dir" ]] || return 0
  find "$dir" -mindepth 1 -maxdepth 1 | while read -r entry; do
    grep -qxF "  $entry" "$before" 2>/dev/null || echo "$entry"
  done
}
for ns in $(added_to /var/run/netns); do
  umount "$ns" 2>/dev/null
  rm -f "$ns"
done

ip link show "$cni_bridge" >/dev/null 2>&1 && { ip link delete "$cni_bridge" || status=1; }

# Cgroups: the node's root in every hierarchy, children first.
for hierarchy in /sys/fs/cgroup/*/; do
  [[ -d "$hierarchy$cgroup_root" ]] || continue
  find "$hierarchy$cgroup_root" -depth -type d -exec rmdir {} + 2>/dev/null
  [[ -d "$hierarchy$cgroup_root" ]] && { warn "could not remove cgroup $hierarchy$cgroup_root"; status=1; }
done

if [[ -f "$node_dir/sysctl.saved" ]]; then
  while IFS='=' read -r key value; do
    [[ -n "$key" && "$(sysctl -n "$key" 2>/dev/null)" != "$value" ]] || continue
    log "restoring $key=$value"
    sysctl -qw "$key=$value" || status=1
  done <"$node_dir/sysctl.saved"
fi

# iptables chains added while the node ran (kubelet's canaries, CNI's).
for tool in iptables ip6tables; do
  command -v "$tool-save" >/dev/null || continue
  [[ -f "$node_dir/$tool.before" ]] || continue
  "$tool-save" 2>/dev/null | node_iptables_chains | LC_ALL=C comm -13 "$node_dir/$tool.before" - |
    while read -r table chain; do
      [[ "$chain" =~ ^(KUBE-|CNI-) ]] || continue
      log "removing $tool chain $table/$chain"
      "$tool" -t "$table" -F "$chain" 2>/dev/null
      "$tool" -t "$table" -X "$chain" 2>/dev/null
    done
done

# What the runtime and kubelet added to host folders; a folder that did not
# exist before goes when it is empty.
for dir in "${node_host_dirs[@]}"; do
  for entry in $(added_to "$dir"); do
    case "$dir" in
      /var/lib/cni)
        # libcni's result cache (CNI DEL removes an entry; a sandbox nothing
        # stopped leaves it): our network's and containerd's loopback entries
        # written since start.sh ran.
        find "$entry" \( -name "$cni_network-*" -o -name 'cni-loopback-*' \) -newer "$node_dir/sysctl.saved" -delete 2>/dev/null
        rmdir "$entry" 2>/dev/null
        ;;
      /var/log/containers)
        # kubelet's links into our pod-logs folder.
        [[ "$(readlink "$entry")" == "$node_dir/"* ]] && rm -f "$entry"
        ;;
      /run/containerd)
        # Shim sockets (s/) go with their shims; what is left are empty folders.
        find "$entry" -depth -type d -empty -delete 2>/dev/null
        ;;
      /var/lib/kubelet)
        # device-plugins/ and its kubelet.sock: the path is compiled in.
        rm -rf "$entry"
        ;;
    esac
  done
  if ! grep -qxF "$dir" "$before" 2>/dev/null && [[ -d "$dir" ]]; then
    find "$dir" -depth -type d -empty -delete 2>/dev/null
  fi
done

if [[ $status -ne 0 ]]; then
  warn "node not fully cleaned up; see the messages above"
  exit 1
fi
log "node stopped and cleaned up"
