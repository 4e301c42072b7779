/**
 * One event row per cause events can show, as `kubectl describe` / `kubectl get events` print it:
 * [cause, rule that names it, row]. Kubelet, scheduler and node-problem-detector messages in their
 * exact formats.
 */
export const CAUSE_EVENT_ROWS: ReadonlyArray<readonly [string, string, string]> = [
  ['liveness-probe', 'liveness-probe-failing', 'Warning  Unhealthy  10s (x5 over 1m)  kubelet  Liveness probe failed: Get "http://10.0.0.7:8080/healthz": dial tcp 10.0.0.7:8080: connect: connection refused'],
  ['liveness-probe', 'liveness-probe-kill', 'Normal  Killing  2m  kubelet  Container app failed liveness probe, will be restarted'],
  ['readiness-probe', 'readiness-probe-failing', 'Warning  Unhealthy  3s (x214 over 17m)  kubelet  Readiness probe failed: HTTP probe failed with statuscode: 503'],
  ['startup-probe', 'startup-probe-failing', 'Warning  Unhealthy  5s (x9 over 90s)  kubelet  Startup probe failed: Get "http://10.0.0.7:8080/ready": context deadline exceeded (Client.Timeout exceeded while awaiting headers)'],
  ['startup-probe', 'startup-probe-kill', 'Normal  Killing  1m  kubelet  Container keycloak failed startup probe, will be restarted'],
  // kubelet 1.34's text, as the real node of the e2e suite recorded it (the hook's output stays in the kubelet log).
  ['other', 'poststart-hook-failed', 'Warning  FailedPostStartHook  22s (x4 over 67s)  kubelet  PostStartHook failed'],
  ['other', 'prestop-hook-failed', 'Warning  FailedPreStopHook  8s  kubelet  PreStopHook failed'],
  ['config-error', 'missing-secret', 'Warning  Failed  3s (x57 over 19m)  kubelet  Error: secret "vault-ca" not found'],
  ['config-error', 'missing-configmap', 'Warning  Failed  0s (x24 over 7m58s)  kubelet  Error: configmap "notification-config" not found'],
  ['config-error', 'missing-config-key', 'Warning  Failed  0s (x18 over 4m58s)  kubelet  Error: couldn\'t find key REDIS_URL in ConfigMap shop/cart-config'],
  ['not-executable', 'not-executable', 'Warning  Failed  1m (x9 over 5m)  kubelet  Error: failed to start container "app": Error response from daemon: OCI runtime create failed: container_linux.go:380: starting container process caused: exec: "/start.sh": permission denied: unknown'],
  ['command-not-found', 'command-not-found', 'Warning  Failed  70s (x5 over 3m55s)  kubelet  Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "gunicorn": executable file not found in $PATH: unknown'],
  ['arch-mismatch', 'exec-format-error', 'Warning  Failed  1m (x4 over 2m)  kubelet  Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app/server": exec format error: unknown'],
  ['image-pull', 'image-pull-failure', 'Normal  BackOff  1m (x6 over 5m)  kubelet  Back-off pulling image "ghcr.io/acme/web:2.0"'],
  ['image-pull', 'image-pull-failure', 'Warning  Failed  0s (x52 over 21m)  kubelet  Error: ImagePullBackOff'],
  ['image-pull', 'image-not-found', 'Warning  Failed  9s (x2 over 23s)  kubelet  Failed to pull image "thisimagedoesnotexist123": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/thisimagedoesnotexist123:latest": failed to resolve reference "docker.io/library/thisimagedoesnotexist123:latest": docker.io/library/thisimagedoesnotexist123:latest: not found'],
  ['image-pull', 'image-pull-unauthorized', 'Warning  Failed  12s (x3 over 50s)  kubelet  Failed to pull image "ghcr.io/acme/private:1.0": rpc error: code = Unknown desc = failed to pull and unpack image "ghcr.io/acme/private:1.0": failed to resolve reference "ghcr.io/acme/private:1.0": failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized'],
  ['image-pull', 'image-registry-unreachable', 'Warning  Failed  12s (x3 over 50s)  kubelet  Failed to pull image "registry.internal:5000/app:1.2": rpc error: code = Unknown desc = failed to pull and unpack image "registry.internal:5000/app:1.2": failed to resolve reference "registry.internal:5000/app:1.2": failed to do request: Head "https://registry.internal:5000/v2/app/manifests/1.2": dial tcp: lookup registry.internal on 10.96.0.10:53: no such host'],
  ['image-pull', 'image-never-pull', 'Warning  ErrImageNeverPull  0s (x12 over 2m19s)  kubelet  Container image "acme/ledger-api:dev" is not present with pull policy of Never'],
  ['mount-failure', 'mount-missing-object', 'Warning  FailedMount  1m (x5 over 9m)  kubelet  MountVolume.SetUp failed for volume "cfg" : configmap "app" not found'],
  ['mount-failure', 'volume-attach-failure', 'Warning  FailedAttachVolume  2m  attachdetach-controller  Multi-Attach error for volume "pvc-1f2e" Volume is already used by pod(s) grafana-5d8f7c6b9-abcde'],
  ['unschedulable', 'unschedulable-insufficient-resources', 'Warning  FailedScheduling  1m  default-scheduler  0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.'],
  ['sandbox-failure', 'sandbox-creation-failure', 'Warning  FailedCreatePodSandBox  1m (x5 over 9m)  kubelet  Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "4f1c": plugin type="calico" failed (add): error getting ClusterInformation: connection is unauthorized: Unauthorized'],
  ['evicted', 'evicted-memory', 'Warning  Evicted  1m  kubelet  The node was low on resource: memory. Threshold quantity: 100Mi, available: 52Mi. Container app was using 1.2Gi, request is 256Mi, has larger consumption of memory.'],
  ['oom-node', 'node-oom-event', 'Warning  SystemOOM  5m  kubelet, node-1  System OOM encountered, victim process: java, pid: 4242'],
  ['oom-limit', 'oom-kill-event', 'Warning  OOMKilling  2m (x3 over 10m)  kernel-monitor, node-1  Memory cgroup out of memory: Killed process 4242 (java) total-vm:8029380kB, anon-rss:2097152kB'],
  ['deadline-exceeded', 'deadline-exceeded', 'Normal  DeadlineExceeded  2s  kubelet  Pod was active on the node longer than the specified deadline'],
  ['node-failure', 'node-not-ready', 'Warning  NodeNotReady  47m  node-controller  Node is not ready'],
  ['crashloop-unknown', 'crashloop-backoff', 'Warning  BackOff  0s (x31 over 72m)  kubelet  Back-off restarting failed container app in pod orders-api-6d8f7c9b54-q7xkz_shop(uid)'],
];
