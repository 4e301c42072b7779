import { describe, expect, it } from 'vitest';
import { builtInDiagnoser } from './helpers.js';
import { CAPTURED_AT } from './build-incident.js';
import { fixtureIncidents, readPaste } from './support/read-paste.js';

/*
 * What an evicted pod's finding says comes from kubelet's eviction message (pkg/kubelet/eviction
 * helpers: "The node was low on resource: %v. ", "Threshold quantity: %v, available: %v. ",
 * "Container %s was using %s, request is %s, has larger consumption of %v. " and its newer form
 * "..., which exceeds its request of %s. ", "The node had condition: %v. ", and the three
 * ephemeral-storage messages). Each row is one Evicted event as kubectl prints it.
 */

async function topFinding(message: string) {
  const [incident] = await readPaste(`Warning  Evicted  1m  kubelet  ${message}\n`, CAPTURED_AT);
  const finding = (await (await builtInDiagnoser()).diagnose(incident!)).findings[0];
  return { rule: finding?.rule, text: `${finding?.title} ${finding?.explanation}` };
}

describe('an eviction message names what was reclaimed and by how much', () => {
  it('node memory: threshold, available and each container over its request, in readable sizes', async () => {
    const { rule, text } = await topFinding(
      'The node was low on resource: memory. Threshold quantity: 100Mi, available: 52428Ki. Container app was using 1286340Ki, request is 256Mi, has larger consumption of memory. Container sidecar was using 300Mi, request is 0, has larger consumption of memory. ',
    );
    expect(rule).toBe('evicted-memory');
    expect(text).toContain('threshold 100Mi, available 51.2Mi');
    expect(text).toContain('container app was using 1.2Gi, request is 256Mi');
    expect(text).toContain('container sidecar was using 300Mi, request is 0');
  });

  it('the newer kubelet wording of a container over its request', async () => {
    const { text } = await topFinding('The node was low on resource: memory. Threshold quantity: 100Mi, available: 80Mi. Container web was using 900Mi, which exceeds its request of 128Mi. ');
    expect(text).toContain('container web was using 900Mi, request is 128Mi');
    expect(text).toContain('threshold 100Mi, available 80Mi');
  });

  it.each([
    ['MemoryPressure', 'evicted-memory'],
    ['DiskPressure', 'evicted-disk-pressure'],
  ])('a node condition [%s] names the resource', async (condition, expected) => {
    expect((await topFinding(`The node had condition: [${condition}]. `)).rule).toBe(expected);
  });

  it.each([
    ['The node had condition: [DiskPressure]. '],
    ['The node was low on resource: ephemeral-storage. Threshold quantity: 1Gi, available: 512Mi. '],
  ])('a message naming no container does not claim one used the most: %s', async (message) => {
    const { rule, text } = await topFinding(message);
    expect(rule).toBe('evicted-disk-pressure');
    expect(text).toContain('evicts the pods using the most local storage.');
    expect(text).not.toMatch(/none\./);
  });

  it('a node out of process ids is not taken for memory or disk', async () => {
    const { rule, text } = await topFinding('The node had condition: [PIDPressure]. ');
    expect(rule).toBe('evicted');
    expect(text).toContain('(pid)');
  });

  it.each([
    ['Container app exceeded its local ephemeral storage limit "1Gi". ', 'container app exceeded its ephemeral-storage limit of 1Gi'],
    ['Usage of EmptyDir volume "cache" exceeds the limit "512Mi". ', 'emptyDir volume cache exceeded its sizeLimit of 512Mi'],
    ['Pod ephemeral local storage usage exceeds the total limit of containers 2Gi. ', "the pod's containers together exceeded their total ephemeral-storage limit of 2Gi"],
  ])('the pod over its own storage budget: %s', async (message, says) => {
    const { rule, text } = await topFinding(message);
    expect(rule).toBe('evicted-ephemeral-storage');
    expect(text).toContain(says);
  });

  it('cites the Evicted event rather than the status field when the pod status says the same with a trailing space', async () => {
    // kubelet ends the status message with a space; the event as loaded does not.
    const [incident] = await fixtureIncidents('evicted-memory');
    const top = (await (await builtInDiagnoser()).diagnose(incident!)).findings[0];
    expect(top?.evidence[0]).toEqual({ source: 'event kubelet', text: expect.stringMatching(/^Warning Evicted: The node was low on resource: memory\. /) });
  });
});
