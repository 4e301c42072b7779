import { describe, expect, it } from 'vitest';
import { readOnePod } from './support/read-paste.js';
import { builtInDiagnoser } from './helpers.js';

const PAST = `Name:         api-5c8d7b9f6-q7xkz
Namespace:    shop
Node:         node-1/10.0.0.1
Status:       Running
IP:           10.1.0.7
Init Containers:
  migrate:
    Container ID:  containerd://1111
    Image:         registry.example.com/shop/migrate:1.0
    Image ID:      registry.example.com/shop/migrate@sha256:aaaa
    Port:          <none>
    Host Port:     <none>
    Command:
      /bin/sh
      -c
    Args:
      flyway migrate && echo done
    State:          Terminated
      Reason:       Completed
      Exit Code:    0
      Started:      Fri, 20 Nov 2026 09:12:05 +0000
      Finished:     Fri, 20 Nov 2026 09:12:09 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
Containers:
  api:
    Container ID:   containerd://2222
    Image:          registry.example.com/shop/api:2.14.1
    Image ID:       registry.example.com/shop/api@sha256:bbbb
    Ports:          8080/TCP (http), 9090/TCP (metrics)
    Host Ports:     0/TCP, 0/TCP
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Message:      panic: runtime error: invalid memory address
goroutine 1 [running]:
main.main()
      Exit Code:    2
      Signal:       6
      Started:      Fri, 20 Nov 2026 10:39:58 +0000
      Finished:     Fri, 20 Nov 2026 10:41:36 +0000
    Ready:          False
    Restart Count:  7
    Limits:
      cpu:                1
      ephemeral-storage:  1Gi
      memory:             512Mi
    Requests:
      cpu:     250m
      memory:  256Mi
    Environment Variables from:
      api-config  ConfigMap  Optional: false
      api-creds   Secret with prefix 'DB_'  Optional: true
    Environment:
      LOG_LEVEL:     debug
      DB_PASSWORD:   <set to the key 'password' in secret 'db'>  Optional: false
      REDIS_URL:     <set to the key 'url' of config map 'redis'>  Optional: true
      POD_NAME:      api-5c8d7b9f6-q7xkz (v1:metadata.name)
      JAVA_OPTS:     -Xmx256m
                     -XX:+UseG1GC
    Mounts:
      /etc/api from config (ro)
      /etc/api/app.yaml from config (ro,path="app.yaml")
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-abcde (ro)
  proxy:
    Container ID:   containerd://3333
    Image:          envoyproxy/envoy:v1.30.0
    Image ID:       docker.io/envoyproxy/envoy@sha256:cccc
    Port:           10000/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Fri, 20 Nov 2026 09:12:11 +0000
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:         <none>
Events:           <none>
`;

describe('container blocks of kubectl describe pod', () => {
  it('reads init containers apart from app containers, with command and args', async () => {
    const { pod } = await readOnePod(PAST);
    expect(pod.spec?.initContainers?.map((c) => c.name)).toEqual(['migrate']);
    expect(pod.spec?.containers.map((c) => c.name)).toEqual(['api', 'proxy']);
    expect(pod.spec?.initContainers?.[0]).toMatchObject({ command: ['/bin/sh', '-c'], args: ['flyway migrate && echo done'] });
    expect(pod.status?.initContainerStatuses?.[0]).toMatchObject({ name: 'migrate', ready: true, state: { terminated: { reason: 'Completed', exitCode: 0 } } });
  });

  it('reads the current and last state with reason, message, exit code, signal and times', async () => {
    const { pod } = await readOnePod(PAST);
    const api = pod.status?.containerStatuses?.find((s) => s.name === 'api');
    expect(api).toMatchObject({
      containerID: 'containerd://2222',
      imageID: 'registry.example.com/shop/api@sha256:bbbb',
      ready: false,
      restartCount: 7,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: {
        terminated: {
          reason: 'Error',
          message: 'panic: runtime error: invalid memory address\ngoroutine 1 [running]:\nmain.main()',
          exitCode: 2,
          signal: 6,
          startedAt: '2026-11-20T10:39:58.000Z',
          finishedAt: '2026-11-20T10:41:36.000Z',
        },
      },
    });
    expect(pod.status?.containerStatuses?.find((s) => s.name === 'proxy')?.state).toEqual({ running: { startedAt: '2026-11-20T09:12:11.000Z' } });
  });

  it('reads ports, limits and requests', async () => {
    const api = (await readOnePod(PAST)).pod.spec?.containers[0];
    expect(api?.ports).toEqual([
      { containerPort: 8080, protocol: 'TCP', name: 'http' },
      { containerPort: 9090, protocol: 'TCP', name: 'metrics' },
    ]);
    expect(api?.resources).toEqual({
      limits: { cpu: '1', 'ephemeral-storage': '1Gi', memory: '512Mi' },
      requests: { cpu: '250m', memory: '256Mi' },
    });
  });

  it('keeps environment variable names and where references point, never plain values', async () => {
    const api = (await readOnePod(PAST)).pod.spec?.containers[0];
    expect(api?.env).toEqual([
      { name: 'LOG_LEVEL' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: 'db', optional: false } } },
      { name: 'REDIS_URL', valueFrom: { configMapKeyRef: { key: 'url', name: 'redis', optional: true } } },
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'JAVA_OPTS' },
    ]);
    expect(JSON.stringify(api)).not.toContain('debug');
    expect(JSON.stringify(api)).not.toContain('Xmx256m');
    expect(api?.envFrom).toEqual([
      { configMapRef: { name: 'api-config', optional: false } },
      { secretRef: { name: 'api-creds', optional: true }, prefix: 'DB_' },
    ]);
  });

  it('reads mounts with read-only flags and sub paths', async () => {
    const api = (await readOnePod(PAST)).pod.spec?.containers[0];
    expect(api?.volumeMounts).toEqual([
      { mountPath: '/etc/api', name: 'config', readOnly: true },
      { mountPath: '/etc/api/app.yaml', name: 'config', readOnly: true, subPath: 'app.yaml' },
      { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'kube-api-access-abcde', readOnly: true },
    ]);
  });

  it('reads a container block pasted alone, without its name, and says what is missing', async () => {
    const text = `    State:          Terminated
      Reason:       OOMKilled
      Exit Code:    137
    Ready:          False
    Restart Count:  5
    Limits:
      memory:  300Mi
`;
    const incident = await readOnePod(text);
    expect(incident.pod.spec?.containers).toEqual([{ name: '<container>', resources: { limits: { memory: '300Mi' } } }]);
    expect(incident.pod.status?.containerStatuses?.[0]).toMatchObject({ restartCount: 5, state: { terminated: { reason: 'OOMKilled', exitCode: 137 } } });
    expect(incident.missing).toEqual(
      expect.arrayContaining([expect.stringMatching(/pod's name is not in the paste/), expect.stringMatching(/container's name is not in the paste/), expect.stringMatching(/events are not in the paste/)]),
    );
  });

  it('names a container cut above its name after the one container its events name', async () => {
    const text = `    State:          Waiting
      Reason:       CrashLoopBackOff
    Restart Count:  3
Events:
  Type     Reason   Age               From     Message
  ----     ------   ----              ----     -------
  Normal   Created  1m (x4 over 3m)   kubelet  Created container worker
`;
    const { pod } = await readOnePod(text);
    expect(pod.spec?.containers.map((c) => c.name)).toEqual(['worker']);
  });

  it('tells a state apart by its fields when the State line was cut', async () => {
    const text = 'Containers:\n  app:\n      Reason:       Error\n      Exit Code:    1\n    Ready:          False\n';
    const { pod } = await readOnePod(text);
    expect(pod.status?.containerStatuses?.[0]?.state).toEqual({ terminated: { reason: 'Error', exitCode: 1 } });
  });

  it('a description cut right after Last State: Terminated leaves the exit code unknown, not 0', async () => {
    const text = [
      'Name:         worker-0',
      'Namespace:    default',
      'Status:       Running',
      'Containers:',
      '  worker:',
      '    Image:          registry.example.com/worker:2.1',
      '    State:          Waiting',
      '      Reason:       CrashLoopBackOff',
      '    Last State:     Terminated',
      '',
    ].join('\n');
    const incident = await readOnePod(text);
    const last = incident.pod.status?.containerStatuses?.[0]?.lastState?.terminated;
    expect(last).toBeDefined();
    expect(last?.exitCode).toBeUndefined();
    const top = (await (await builtInDiagnoser()).diagnose(incident)).findings[0];
    // Not "finishes successfully": nothing shows how the last run ended.
    expect(top?.cause).toBe('crashloop-unknown');
  });

  it('reads a native sidecar: an init container with Restart Policy Always', async () => {
    const text = 'Name: web\nNamespace: default\nInit Containers:\n  log-shipper:\n    Image: fluent-bit:3\n    Restart Policy: Always\n    State: Running\n      Started: Fri, 20 Nov 2026 09:12:11 +0000\n    Ready: True\n    Restart Count: 0\nContainers:\n  web:\n    Image: nginx\nEvents: <none>\n';
    const { pod } = await readOnePod(text);
    expect(pod.spec?.initContainers?.[0]).toMatchObject({ name: 'log-shipper', restartPolicy: 'Always' });
  });
});
