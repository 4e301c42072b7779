#!/usr/bin/env bash
# Prints what a test node changes on the host, one line per fact, sorted, so
# two snapshots compare with diff: run-tests.sh --e2e takes one before
# `up --node` and one after `down`, and fails when they differ (down left
# something behind). Covers processes naming this checkout's .run/, mount
# points, network devices and namespaces, cgroups, the sysctls kubelet and CNI
# set, iptables chains, and the host folders containerd, CNI and kubelet write
# to whatever their configuration says.
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"
# shellcheck source=lib.sh
source "$here/lib.sh"

{
  for cmdline in /proc/[0-9]*/cmdline; do
    pid="${cmdline#/proc/}"
    pid="${pid%/cmdline}"
    [[ $pid == "$$" || $pid == "$BASHPID" ]] && continue
    args="$({ tr '\0' ' ' <"$cmdline"; } 2>/dev/null)" || continue
    [[ $args == *"$cluster_run_dir/"* ]] && echo "process: $args"
  done

  awk '{ print "mount: " $5 }' /proc/self/mountinfo

  ip -o link show 2>/dev/null | awk -F': ' '{ sub(/@.*/, "", $2); print "link: " $2 }'
  for ns in /run/netns/* /var/run/netns/*; do
    [[ -e "$ns" ]] && echo "netns: $ns"
  done

  for hierarchy in /sys/fs/cgroup/*/; do
    find "$hierarchy" -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sed 's/^/cgroup: /'
  done

  for key in "${node_sysctls[@]}"; do
    echo "sysctl: $key=$(sysctl -n "$key" 2>/dev/null)"
  done

  # Chains of our own making; a table's built-in chains appear once anything
  # touches the table (and iptables itself may be installed by up on a fresh
  # machine), and an empty built-in chain changes nothing.
  for tool in iptables ip6tables; do
    command -v "$tool-save" >/dev/null || continue
    { "$tool-save" 2>/dev/null || true; } | node_iptables_chains |
      awk '$2 !~ /^(INPUT|OUTPUT|FORWARD|PREROUTING|POSTROUTING)$/' | sed "s/^/$tool: /"
  done

  for dir in "${node_host_dirs[@]}" /etc/cni /var/log/pods /var/lib/containerd; do
    [[ -e "$dir" ]] || continue
    find "$dir" -maxdepth 3 2>/dev/null | sed 's/^/file: /'
  done
} | LC_ALL=C sort
