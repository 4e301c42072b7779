import { describe, expect, it } from 'vitest';
import { readOnePod } from './support/read-paste.js';

const TEXT = `Name:         api-0
Namespace:    shop
Status:       Pending
Conditions:
  Type                        Status
  PodReadyToStartContainers   False 
  Initialized                 True 
  Ready                       False 
  PodScheduled                True 
Volumes:
  config:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      api-config
    Optional:  false
  creds:
    Type:        Secret (a volume populated by a Secret)
    SecretName:  api-creds
    Optional:    true
  data:
    Type:       PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)
    ClaimName:  data-api-0
    ReadOnly:   false
  scratch:
    Type:       EmptyDir (a temporary directory that shares a pod's lifetime)
    Medium:     Memory
    SizeLimit:  64Mi
  host-logs:
    Type:          HostPath (bare host directory volume)
    Path:          /var/log
    HostPathType:  Directory
  kube-api-access-x1:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:       BestEffort
Events:          <none>
`;

describe('conditions and volumes of kubectl describe pod', () => {
  it('reads the conditions table', async () => {
    const { pod } = await readOnePod(TEXT);
    expect(pod.status?.conditions).toEqual([
      { type: 'PodReadyToStartContainers', status: 'False' },
      { type: 'Initialized', status: 'True' },
      { type: 'Ready', status: 'False' },
      { type: 'PodScheduled', status: 'True' },
    ]);
  });

  it('reads the 1.1x conditions table with its extra columns', async () => {
    const text = 'Name: a\nNamespace: b\nConditions:\n  Type\t\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n  ----\t\t------\t-----------------\t------------------\t------\t-------\n  PodScheduled \tFalse \t0001-01-01 00:00:00 +0000 UTC\t2017-01-01 00:00:00 +0000 UTC\tUnschedulable\tNo nodes are available\nEvents: <none>\n';
    const { pod } = await readOnePod(text);
    expect(pod.status?.conditions).toEqual([{ type: 'PodScheduled', status: 'False' }]);
  });

  it('reads ConfigMap, Secret, claim, emptyDir, hostPath and projected volumes by name', async () => {
    const { pod } = await readOnePod(TEXT);
    expect(pod.spec?.volumes).toEqual([
      { name: 'config', configMap: { name: 'api-config', optional: false } },
      { name: 'creds', secret: { secretName: 'api-creds', optional: true } },
      { name: 'data', persistentVolumeClaim: { claimName: 'data-api-0' } },
      { name: 'scratch', emptyDir: { medium: 'Memory', sizeLimit: '64Mi' } },
      { name: 'host-logs', hostPath: { path: '/var/log', type: 'Directory' } },
      {
        name: 'kube-api-access-x1',
        projected: { sources: [{ serviceAccountToken: { path: 'token', expirationSeconds: 3607 } }, { configMap: { name: 'kube-root-ca.crt' } }, { downwardAPI: {} }] },
      },
    ]);
  });

  it('keeps a ConfigMap volume Name apart from the pod Name', async () => {
    const { pod } = await readOnePod(TEXT);
    expect(pod.metadata?.name).toBe('api-0');
  });
});
