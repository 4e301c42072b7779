# Shared by node/start.sh and node/stop.sh: where the test node keeps its state
# and the host-wide names it uses (network devices, cgroup, sysctls), so stop.sh
# can remove exactly what start.sh and the components it ran created.
# shellcheck shell=bash

node_dir="$cluster_run_dir/node"

# Host-wide objects, named so they cannot be mistaken for anything else.
node_name="podmortem-node"
cni_bridge="pm-cni0"
cni_network="podmortem-test"
pod_subnet="10.88.77.0/24"
# The node's address is the pods' gateway on the bridge (this kernel has no
# dummy devices): kubelet serves there and probes pods from there.
node_ip="10.88.77.1"
cgroup_root="podmortem-node"     # kubelet's --cgroup-root, in every hierarchy
cluster_dns="10.0.0.10"          # inside the API server's service range; no DNS runs there

# The sysctls kubelet sets at start (protectKernelDefaults: false) and the one
# the CNI bridge plugin sets (isGateway); start.sh saves them, stop.sh restores.
node_sysctls=(
  vm.overcommit_memory vm.panic_on_oom kernel.panic kernel.panic_on_oops
  kernel.keys.root_maxkeys kernel.keys.root_maxbytes net.ipv4.ip_forward
)

# Folders the runtime or kubelet use outside node_dir whatever their
# configuration says (containerd 1.6's shim sockets in /run/containerd/s,
# libcni's cache, kubelet's /var/log/containers links and its device-plugin
# socket in /var/lib/kubelet/device-plugins, and /run/mount, util-linux's
# lock folder for the mount(8) calls kubelet makes); stop.sh removes what was
# added.
node_host_dirs=(/var/run/netns /var/lib/cni /var/log/containers /run/containerd /var/lib/kubelet /run/mount)

# "TABLE CHAIN" for every chain of iptables-save / ip6tables-save output (stdin).
node_iptables_chains() {
  awk '/^\*/ { table = substr($0, 2) } /^:/ { print table, substr($1, 2) }' | LC_ALL=C sort
}
