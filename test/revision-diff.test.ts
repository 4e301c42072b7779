import type { V1PodTemplateSpec } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { diffTemplates } from '../src/facts/revision-diff.js';

function template(spec: Partial<NonNullable<V1PodTemplateSpec['spec']>> = {}, container: Record<string, unknown> = {}, metadata: V1PodTemplateSpec['metadata'] = { labels: { app: 'api' } }): V1PodTemplateSpec {
  return {
    metadata,
    spec: { containers: [{ name: 'app', image: 'registry.example.com/shop/orders-api:2.14.0', ...container }], ...spec },
  };
}

const texts = (a: V1PodTemplateSpec, b: V1PodTemplateSpec) => diffTemplates(a, b).spec.map((c) => c.text);
const fields = (a: V1PodTemplateSpec, b: V1PodTemplateSpec) => diffTemplates(a, b).spec.map((c) => c.field);

describe('diffTemplates: what changed between two revisions', () => {
  it('shows a new tag of the same image short, a new registry or a digest whole enough to tell', () => {
    expect(texts(template(), template({}, { image: 'registry.example.com/shop/orders-api:2.14.1' }))).toEqual(['image of app orders-api 2.14.0 -> 2.14.1']);
    expect(texts(template(), template({}, { image: 'mirror.example.com/shop/orders-api:2.14.0' }))).toEqual([
      'image of app registry.example.com/shop/orders-api:2.14.0 -> mirror.example.com/shop/orders-api:2.14.0',
    ]);
    const digest = 'registry.example.com/shop/orders-api@sha256:0f3c9a1b2d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4';
    expect(texts(template(), template({}, { image: digest }))).toEqual(['image of app orders-api 2.14.0 -> @sha256:0f3c9a1b2d4e']);
  });

  it('compares env by name and by where values come from, never by value', () => {
    const before = template({}, { env: [{ name: 'DB_HOST', value: 'a' }, { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } }, { name: 'OLD', value: 'x' }] });
    const after = template({}, { env: [{ name: 'DB_HOST', value: 'b' }, { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg-v2', key: 'mode' } } }, { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } }] });
    expect(diffTemplates(before, after).spec).toEqual([
      { field: 'containers[app].env[MODE].valueFrom.configMapKeyRef', text: 'env MODE of app: configMap cfg key mode -> configMap cfg-v2 key mode' },
      { field: 'containers[app].env[OLD]', text: 'env OLD removed from app' },
      { field: 'containers[app].env[TOKEN].valueFrom.secretKeyRef', text: 'env TOKEN added to app (from secret api key token)' },
    ]);
    expect(JSON.stringify(diffTemplates(before, after))).not.toMatch(/"a"|"b"|DB_HOST/);
  });

  it('names resources, command and args, probes, mounts and envFrom in terms a reader checks', () => {
    const before = template({}, {
      args: ['--port=8080', '--cache=1Gi'],
      resources: { limits: { memory: '1Gi' }, requests: { cpu: '250m' } },
      livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, timeoutSeconds: 5 },
      volumeMounts: [{ name: 'cfg', mountPath: '/etc/app' }],
      envFrom: [{ configMapRef: { name: 'app-config' } }],
    });
    const after = template({}, {
      args: ['--port=8080', '--cache=2Gi'],
      resources: { limits: { memory: '512Mi' }, requests: { cpu: '250m' } },
      livenessProbe: { httpGet: { path: '/health', port: 8080 }, timeoutSeconds: 1 },
      volumeMounts: [{ name: 'cfg-v2', mountPath: '/etc/app' }],
      envFrom: [{ configMapRef: { name: 'app-config-v2' } }],
    });
    expect(texts(before, after)).toEqual([
      'memory limit of app 1Gi -> 512Mi',
      'args of app: --cache=1Gi -> --cache=2Gi',
      'envFrom of app adds configMap app-config-v2',
      'envFrom of app drops configMap app-config',
      'livenessProbe of app: HTTP GET /healthz on port 8080 -> HTTP GET /health on port 8080, timeoutSeconds 5 -> 1',
      'mount /etc/app of app: cfg -> cfg-v2',
    ]);
    expect(fields(before, after)).toContain('containers[app].envFrom.configMapRef[app-config-v2]');
  });

  it('shows args that changed in the middle and in length whole, never an item against nothing', () => {
    expect(texts(template({}, { args: ['--port', '80', '--verbose'] }), template({}, { args: ['--port', '8080'] }))).toEqual(['args of app: --port 80 --verbose -> --port 8080']);
    expect(texts(template({}, { args: ['--port', '80', '--verbose'] }), template({}, { args: ['--port', '8080', '--verbose'] }))).toEqual(['args of app: 80 -> 8080']);
  });

  it('names an added volume by its new source and a removed one by its old source', () => {
    const before = template({ volumes: [{ name: 'creds', secret: { secretName: 'db' } }] });
    const after = template({ volumes: [{ name: 'cache', emptyDir: {} }] });
    expect(fields(before, after).sort()).toEqual(['volumes[cache].emptyDir', 'volumes[creds].secret']);
  });

  it('names volumes, node selector, tolerations and the service account; other pod fields by name', () => {
    const before = template({ volumes: [{ name: 'cfg', configMap: { name: 'orders-config' } }], nodeSelector: { disktype: 'ssd' }, serviceAccountName: 'orders', priorityClassName: 'low' });
    const after = template({
      volumes: [{ name: 'cfg', configMap: { name: 'orders-config-v2' } }],
      nodeSelector: {},
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'orders', effect: 'NoSchedule' }],
      serviceAccountName: 'orders-v2',
      priorityClassName: 'high',
    });
    expect(diffTemplates(before, after).spec).toEqual([
      { field: 'volumes[cfg].configMap', text: 'volume cfg: configMap orders-config -> configMap orders-config-v2' },
      { field: 'nodeSelector[disktype]', text: 'nodeSelector disktype: ssd -> none' },
      { field: 'tolerations', text: 'tolerations + dedicated=orders:NoSchedule' },
      { field: 'serviceAccountName', text: 'service account orders -> orders-v2' },
      { field: 'priorityClassName', text: 'priorityClassName low -> high' },
    ]);
  });

  it('keeps template labels and annotations apart: a restart annotation is no change to the pod spec', () => {
    const before = template({}, {}, { labels: { app: 'api', 'pod-template-hash': 'aaa' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-03-01T09:00:00Z' } });
    const after = template({}, {}, { labels: { app: 'api', 'pod-template-hash': 'bbb' }, annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-03-10T13:55:00Z' } });
    expect(diffTemplates(before, after)).toEqual({ spec: [], metadata: ['annotation kubectl.kubernetes.io/restartedAt'] });
  });

  it('sees equal templates written in another key order as equal', () => {
    const a = template({ dnsPolicy: 'ClusterFirst', restartPolicy: 'Always' }, { resources: { limits: { cpu: '1', memory: '1Gi' } } });
    const b = { metadata: a.metadata, spec: { restartPolicy: 'Always', containers: [{ resources: { limits: { memory: '1Gi', cpu: '1' } }, image: a.spec?.containers[0]?.image, name: 'app' }], dnsPolicy: 'ClusterFirst' } } as V1PodTemplateSpec;
    expect(diffTemplates(a, b).spec).toEqual([]);
  });
});
