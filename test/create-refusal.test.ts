import { describe, expect, it } from 'vitest';
import { builtInDiagnoser } from './helpers.js';
import { readPaste } from './support/read-paste.js';

/*
 * A pod a person creates themselves and the API server refuses never exists: kubectl's error is
 * the whole story. Made-up refusals in the API server's and admission plugins' exact wording.
 */

const CAPTURED = '2026-11-20T12:00:00Z';

async function findingsOf(text: string) {
  const incidents = await readPaste(text, CAPTURED);
  const diagnoser = await builtInDiagnoser();
  return Promise.all(incidents.map(async (incident) => ({ incident, findings: (await diagnoser.diagnose(incident)).findings })));
}

describe("kubectl's error when the API server refuses a pod", () => {
  it('a quota refusal of kubectl apply is the pod never created, in the namespace of the command line', async () => {
    const text = [
      '$ kubectl apply -n team-a -f web.yaml',
      'service/web created',
      'Error from server (Forbidden): error when creating "web.yaml": pods "web" is forbidden: exceeded quota: compute-resources, requested: limits.memory=2Gi, used: limits.memory=7Gi, limited: limits.memory=8Gi',
    ].join('\n');
    const [pod, ...rest] = await findingsOf(text);
    expect(rest).toEqual([]);
    expect(pod?.incident.pod.metadata).toMatchObject({ name: 'web', namespace: 'team-a' });
    expect(pod?.incident.missing?.[0]).toContain('the API server refused it, so the pod never existed');
    const top = pod?.findings[0];
    expect({ rule: top?.rule, cause: top?.cause, title: top?.title }).toEqual({ rule: 'pod-create-refused', cause: 'other', title: 'The API server refused to create pod web (quota)' });
    expect(top?.evidence).toContainEqual({ source: 'kubectl (creating the pod)', text: expect.stringContaining('exceeded quota: compute-resources') });
    expect(top?.remediation.map((s) => s.command)).toContain('kubectl describe resourcequota -n team-a');
  });

  it('a Pod Security refusal of kubectl run names what refused it', async () => {
    const text = 'Error from server (Forbidden): pods "debug" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false (container "debug" must set securityContext.allowPrivilegeEscalation=false)\n';
    const [pod] = await findingsOf(text);
    expect(pod?.findings[0]).toMatchObject({ rule: 'pod-create-refused', title: 'The API server refused to create pod debug (pod-security)' });
  });

  it("a refusal of another kind of object is not a pod's", async () => {
    await expect(readPaste('Error from server (Forbidden): error when creating "web.yaml": deployments.apps "web" is forbidden: User "dev" cannot create resource "deployments"\n', CAPTURED)).rejects.toThrow(/is not kubectl output podmortem can read/);
  });

  it("a controller's refusal stays its own finding, which names the controller", async () => {
    const row = 'LAST SEEN   TYPE      REASON         OBJECT                     MESSAGE\n12s         Warning   FailedCreate   replicaset/web-7d9f8c6b5   Error creating: pods "web-7d9f8c6b5-x2k8p" is forbidden: exceeded quota: team, requested: cpu=2, used: cpu=9, limited: cpu=10\n';
    const [pod] = await findingsOf(row);
    expect(pod?.findings[0]?.rule).toBe('pod-creation-refused');
  });
});
