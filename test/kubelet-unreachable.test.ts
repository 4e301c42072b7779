import { describe, expect, it } from 'vitest';
import { builtInDiagnoser } from './helpers.js';
import { readPaste } from './support/read-paste.js';
import { readKubeletUnreachable } from '../src/sources/kubelet-unreachable.js';

/*
 * kubectl logs (or exec) of a pod whose kubelet the API server cannot dial prints the dial error
 * instead of output. Made-up pods and addresses in the shapes kubectl prints.
 */

const CAPTURED = '2026-11-20T12:00:00Z';

async function findingsOf(text: string) {
  const incidents = await readPaste(text, CAPTURED);
  const diagnoser = await builtInDiagnoser();
  return Promise.all(incidents.map(async (incident) => ({ name: incident.pod.metadata?.name, incident, findings: (await diagnoser.diagnose(incident)).findings })));
}

describe("reading kubectl's kubelet dial errors", () => {
  it('reads the pod from the kubelet URL, quoted (Go 1.14+) or bare, and the dial error after it', () => {
    expect(readKubeletUnreachable('Error from server: Get "https://10.0.4.7:10250/containerLogs/shop/cart-0/app?previous=true": dial tcp 10.0.4.7:10250: i/o timeout')).toEqual({
      namespace: 'shop',
      pod: 'cart-0',
      container: 'app',
      error: 'dial tcp 10.0.4.7:10250: i/o timeout',
    });
    expect(readKubeletUnreachable('Error from server: Get https://10.0.4.7:10250/containerLogs/shop/cart-0/app: dial tcp 10.0.4.7:10250: connect: no route to host')?.error).toBe('dial tcp 10.0.4.7:10250: connect: no route to host');
    expect(readKubeletUnreachable('error: error upgrading connection: error dialing backend: dial tcp 10.0.4.7:10250: connect: connection refused')).toEqual({
      namespace: null,
      pod: null,
      container: null,
      error: 'dial tcp 10.0.4.7:10250: connect: connection refused',
    });
  });

  it('leaves other errors alone: the API server itself unreachable, a name the control plane cannot resolve, a log line', () => {
    expect(readKubeletUnreachable('The connection to the server 10.0.0.1:6443 was refused - did you specify the right host or port?')).toBeNull();
    expect(readKubeletUnreachable('Error from server: Get "https://node-3:10250/containerLogs/shop/cart-0/app": dial tcp: lookup node-3 on 10.96.0.10:53: no such host')).toBeNull();
    expect(readKubeletUnreachable('level=error msg="dial tcp 10.0.4.7:5432: i/o timeout"')).toBeNull();
  });
});

describe('a pasted kubelet dial error', () => {
  const LOGS = ['$ kubectl logs cart-0 -n shop', 'Error from server: Get "https://10.0.4.7:10250/containerLogs/shop/cart-0/app": dial tcp 10.0.4.7:10250: i/o timeout'];

  it('alone is a node failure of the pod it names, worded as a control plane that cannot reach the kubelet', async () => {
    const [only, ...rest] = await findingsOf(LOGS.join('\n'));
    expect(rest).toEqual([]);
    expect(only?.incident.pod.metadata).toMatchObject({ name: 'cart-0', namespace: 'shop' });
    expect(only?.findings[0]).toMatchObject({ rule: 'node-not-ready', cause: 'node-failure' });
    expect(only?.findings[0]?.explanation).toContain('could not reach kubelet');
    expect(only?.incident.missing?.join('\n')).toContain("only kubectl's error reaching the pod's kubelet was pasted");
  });

  it('beside get pods rows goes to the row of that pod, which takes the namespace from the URL', async () => {
    const text = [
      '$ kubectl get pods',
      'NAME       READY   STATUS        RESTARTS   AGE',
      'cart-0     1/1     Terminating   0          40m',
      'cart-1     1/1     Running       0          40m',
      ...LOGS,
    ].join('\n');
    const results = await findingsOf(text);
    const cart0 = results.find((r) => r.name === 'cart-0');
    expect(cart0?.incident.pod.metadata?.namespace).toBe('shop');
    expect(cart0?.incident.missing?.join('\n')).not.toContain("namespace is not in the paste");
    expect(cart0?.findings[0]).toMatchObject({ rule: 'node-not-ready', cause: 'node-failure' });
    expect(results.find((r) => r.name === 'cart-1')?.findings).toEqual([]);
  });

  it('is not a node failure when the node is shown Ready: its kubelet reports, only its port is out of reach', async () => {
    const text = [
      'NAME     STATUS   ROLES    AGE   VERSION',
      'node-3   Ready    <none>   9d    v1.30.2',
      '$ kubectl get pods -o wide -n shop',
      'NAME       READY   STATUS    RESTARTS   AGE   IP            NODE     NOMINATED NODE   READINESS GATES',
      'cart-0     1/1     Running   0          40m   10.42.3.9     node-3   <none>           <none>',
      ...LOGS,
    ].join('\n');
    const results = await findingsOf(text);
    expect(results.find((r) => r.name === 'cart-0')?.findings.map((f) => f.rule)).not.toContain('node-not-ready');
  });
});
