#!/usr/bin/env bash
# Starts a real single node beside the control plane that ../up has just
# started (../up --node runs this): containerd (its own config, root, state and
# socket under .run/node/), kube-scheduler, kube-controller-manager and kubelet,
# then waits until the Node is Ready. Installs the Debian packages it needs when
# they are missing and imports the two test images (images.sh).
#
# Everything it creates outside .run/ is named in lib.sh and recorded before it
# is changed (sysctls, host folders, iptables chains), so ../down (node/stop.sh)
# can put the machine back as it was.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib.sh
source "$here/../lib.sh"
# shellcheck source=lib.sh
source "$here/lib.sh"

ready_timeout="${CLUSTER_NODE_READY_TIMEOUT:-180}"
log() { echo "cluster:node: $*" >&2; }
die() { log "$*"; exit 1; }

[[ -f "$cluster_run_dir/env" ]] || die "no control plane: run test/cluster/up --node"
# shellcheck disable=SC1091
source "$cluster_run_dir/env"
bin_dir="$(cluster_bin_dir)"
pki="$cluster_run_dir/pki"
[[ $EUID -eq 0 ]] || die "a node needs root (containers, cgroups, network devices)"

# --- packages ---------------------------------------------------------------
packages=(containerd runc containernetworking-plugins busybox-static iptables)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  log "installing ${missing[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# The package's own service is not used (and no init would start it here).
cni_bin=/usr/lib/cni
[[ -x "$cni_bin/bridge" && -x "$cni_bin/host-local" && -x "$cni_bin/loopback" ]] || die "CNI plugins missing in $cni_bin"

mkdir -p "$node_dir"
chmod 700 "$node_dir"

# --- what the machine looked like before ------------------------------------
for key in "${node_sysctls[@]}"; do
  echo "$key=$(sysctl -n "$key")"
done >"$node_dir/sysctl.saved"
for dir in "${node_host_dirs[@]}"; do
  if [[ -d "$dir" ]]; then echo "$dir"; find "$dir" -mindepth 1 -maxdepth 1 | sed 's/^/  /'; fi
done >"$node_dir/host-dirs.before"
for tool in iptables ip6tables; do
  { "$tool-save" 2>/dev/null || true; } | node_iptables_chains >"$node_dir/$tool.before"
done

# --- the node's address and the pods' cgroup root ---------------------------
# The bridge CNI attaches pods to, made now so kubelet can serve on its address.
ip link add "$cni_bridge" type bridge
ip addr add "$node_ip/${pod_subnet#*/}" dev "$cni_bridge"
ip link set "$cni_bridge" up
for hierarchy in /sys/fs/cgroup/*/; do
  [[ -d "$hierarchy" ]] || continue
  mkdir -p "$hierarchy$cgroup_root"
done
# A new cpuset cgroup has no CPUs or memory nodes until given its parent's.
if [[ -d /sys/fs/cgroup/cpuset/$cgroup_root ]]; then
  cat /sys/fs/cgroup/cpuset/cpuset.cpus >"/sys/fs/cgroup/cpuset/$cgroup_root/cpuset.cpus"
  cat /sys/fs/cgroup/cpuset/cpuset.mems >"/sys/fs/cgroup/cpuset/$cgroup_root/cpuset.mems"
fi

# --- free ports ---------------------------------------------------------------
read -r kubelet_port healthz_port < <(node -e '
  const net = require("node:net");
  const servers = [0, 1].map(() => net.createServer());
  Promise.all(servers.map((s) => new Promise((ok, ko) => { s.once("error", ko); s.listen(0, "127.0.0.1", () => ok(s.address().port)); })))
    .then((ports) => { console.log(ports.join(" ")); servers.forEach((s) => s.close()); });
')

# --- containerd ---------------------------------------------------------------
ctd="$node_dir/containerd"
sock="$node_dir/containerd.sock"
mkdir -p "$ctd/root" "$ctd/state" "$ctd/opt" "$node_dir/runc" "$node_dir/cni/net.d" "$node_dir/cni/ipam"
cat >"$ctd/config.toml" <<TOML
# The test node's containerd: its own root, state and socket, CRI with a local
# sandbox image and no registry. restrict_oom_score_adj: this VM has no
# CAP_SYS_RESOURCE, so a sandbox's negative oom_score_adj would be refused.
version = 2
root = "$ctd/root"
state = "$ctd/state"
disabled_plugins = [
  "io.containerd.snapshotter.v1.btrfs", "io.containerd.snapshotter.v1.zfs",
  "io.containerd.snapshotter.v1.devmapper", "io.containerd.snapshotter.v1.aufs",
  "io.containerd.tracing.processor.v1.otlp", "io.containerd.internal.v1.tracing",
]

[grpc]
  address = "$sock"
[ttrpc]
  address = "$sock.ttrpc"

[plugins."io.containerd.internal.v1.opt"]
  path = "$ctd/opt"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "podmortem.test/pause:1"
  restrict_oom_score_adj = true
  disable_apparmor = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
        Root = "$node_dir/runc"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "$cni_bin"
    conf_dir = "$node_dir/cni/net.d"
    max_conf_num = 1
TOML

# Pods get an address on a bridge of their own and no default route: the only
# traffic is between the host (kubelet's probes) and the pods.
cat >"$node_dir/cni/net.d/10-$cni_network.conflist" <<JSON
{
  "cniVersion": "1.0.0",
  "name": "$cni_network",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$cni_bridge",
      "isGateway": true,
      "ipMasq": false,
      "hairpinMode": true,
      "ipam": {
        "type": "host-local",
        "ranges": [[{ "subnet": "$pod_subnet", "gateway": "$node_ip" }]],
        "dataDir": "$node_dir/cni/ipam"
      }
    }
  ]
}
JSON

log "starting containerd"
containerd --config "$ctd/config.toml" </dev/null >"$node_dir/containerd.log" 2>&1 &
echo $! >"$node_dir/containerd.pid"
containerd_pid=$!
deadline=$((SECONDS + 30))
until ctr --address "$sock" version >/dev/null 2>&1; do
  kill -0 "$containerd_pid" 2>/dev/null || die "containerd exited during start: $(tail -n 5 "$node_dir/containerd.log")"
  ((SECONDS < deadline)) || die "containerd did not answer within 30s"
  sleep 0.2
done

images="$node_dir/images"
bash "$here/images.sh" "$images" >&2
for image in pause app; do
  ctr --address "$sock" -n k8s.io images import "$images/$image.oci.tar" >/dev/null
done
rm -rf "$images"

# --- scheduler and controller manager ---------------------------------------
log "starting kube-scheduler and kube-controller-manager"
"$bin_dir/kube-scheduler" \
  --kubeconfig="$cluster_run_dir/scheduler.kubeconfig" \
  --leader-elect=false \
  --secure-port=0 \
  --v=1 \
  </dev/null >"$node_dir/kube-scheduler.log" 2>&1 &
echo $! >"$node_dir/kube-scheduler.pid"

# --root-ca-file: the kube-root-ca.crt ConfigMap every pod's token volume needs.
# --use-service-account-credentials: each controller acts as its own service
# account in kube-system, as in kubeadm clusters; RBAC's bootstrap roles grant
# those accounts (not system:kube-controller-manager itself) what the
# controllers do: create a Job's pods, write EndpointSlices, untaint the Node.
"$bin_dir/kube-controller-manager" \
  --kubeconfig="$cluster_run_dir/controller-manager.kubeconfig" \
  --leader-elect=false \
  --secure-port=0 \
  --root-ca-file="$pki/ca.crt" \
  --service-account-private-key-file="$pki/sa.key" \
  --use-service-account-credentials=true \
  --v=1 \
  </dev/null >"$node_dir/kube-controller-manager.log" 2>&1 &
echo $! >"$node_dir/kube-controller-manager.pid"

# --- kubelet ------------------------------------------------------------------
kubelet_dir="$node_dir/kubelet"
mkdir -p "$kubelet_dir/pki" "$node_dir/pod-logs"
(
  cd "$kubelet_dir/pki"
  openssl req -newkey rsa:2048 -nodes -sha256 -keyout kubelet.key -out kubelet.csr -subj "/CN=$node_name" 2>/dev/null
  printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:%s,DNS:%s\n' \
    "$node_ip" "$node_name" >kubelet.ext
  openssl x509 -req -in kubelet.csr -CA "$pki/ca.crt" -CAkey "$pki/ca.key" -CAcreateserial \
    -sha256 -days 2 -extfile kubelet.ext -out kubelet.crt 2>/dev/null
  chmod 600 kubelet.key
)
# Fast status and events for tests, image GC off (images are imported, never
# pulled), evictions only near the edge. cgroupRoot keeps every pod cgroup
# under one folder that stop.sh removes.
cat >"$kubelet_dir/config.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $node_ip
port: $kubelet_port
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: $healthz_port
tlsCertFile: $kubelet_dir/pki/kubelet.crt
tlsPrivateKeyFile: $kubelet_dir/pki/kubelet.key
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: false}
  x509: {clientCAFile: $pki/ca.crt}
authorization:
  mode: AlwaysAllow
containerRuntimeEndpoint: unix://$sock
imageServiceEndpoint: unix://$sock
cgroupDriver: cgroupfs
cgroupRoot: /$cgroup_root
failCgroupV1: false
failSwapOn: false
clusterDNS: [$cluster_dns]
clusterDomain: cluster.local
resolvConf: /etc/resolv.conf
podLogsDir: $node_dir/pod-logs
syncFrequency: 10s
fileCheckFrequency: 20s
nodeStatusUpdateFrequency: 4s
nodeStatusReportFrequency: 10s
eventRecordQPS: 0
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
serializeImagePulls: false
evictionHard:
  memory.available: 100Mi
  nodefs.available: 2%
  imagefs.available: 2%
  nodefs.inodesFree: 2%
makeIPTablesUtilChains: false
protectKernelDefaults: false
rotateCertificates: false
serverTLSBootstrap: false
YAML

log "starting kubelet ($node_name at $node_ip:$kubelet_port)"
"$bin_dir/kubelet" \
  --config="$kubelet_dir/config.yaml" \
  --kubeconfig="$cluster_run_dir/kubelet.kubeconfig" \
  --root-dir="$kubelet_dir/root" \
  --hostname-override="$node_name" \
  --node-ip="$node_ip" \
  --v=2 \
  </dev/null >"$node_dir/kubelet.log" 2>&1 &
echo $! >"$node_dir/kubelet.pid"
kubelet_pid=$!

cat >>"$cluster_run_dir/env" <<ENV
CLUSTER_NODE_IP='$node_ip'
CLUSTER_NODE_KUBELET_PORT='$kubelet_port'
CLUSTER_NODE_CONTAINERD_SOCKET='$sock'
CLUSTER_NODE_POD_SUBNET='$pod_subnet'
ENV

# --- wait for Node Ready and schedulable ---------------------------------------
# Kubelet registers the Node with the node.kubernetes.io/not-ready taint; the
# node lifecycle controller lifts it once Ready is True. Until then nothing
# schedules, so both are awaited.
admin_token="$(awk '$1 == "token:" { print $2; exit }' "$CLUSTER_ADMIN_KUBECONFIG")"
node_ready() {
  curl -sS --max-time 5 --cacert "$CLUSTER_CA_FILE" -H "Authorization: Bearer $admin_token" \
    "$CLUSTER_SERVER/api/v1/nodes/$node_name" 2>/dev/null |
    node -e 'let s="";process.stdin.on("data",(d)=>s+=d).on("end",()=>{try{const n=JSON.parse(s);const ready=(n.status?.conditions??[]).some((c)=>c.type==="Ready"&&c.status==="True");const tainted=(n.spec?.taints??[]).some((t)=>t.key==="node.kubernetes.io/not-ready");process.exit(ready&&!tainted?0:1)}catch{process.exit(1)}})'
}
deadline=$((SECONDS + ready_timeout))
until node_ready; do
  for name in kubelet kube-scheduler kube-controller-manager containerd; do
    kill -0 "$(cat "$node_dir/$name.pid")" 2>/dev/null ||
      die "$name exited during start; last lines of $node_dir/$name.log:
$(tail -n 20 "$node_dir/$name.log")"
  done
  ((SECONDS < deadline)) || die "node $node_name not Ready and untainted after ${ready_timeout}s; last lines of kubelet.log:
$(tail -n 20 "$node_dir/kubelet.log")"
  sleep 1
done
log "node $node_name is Ready and schedulable"
