/** What kept the scheduler from placing a pod, from its FailedScheduling message. */
export type SchedulingProblem =
  | 'insufficient-cpu'
  | 'insufficient-memory'
  | 'insufficient-gpu'
  | 'insufficient-ephemeral-storage'
  | 'insufficient-other'
  | 'untolerated-taint'
  | 'node-affinity'
  | 'pod-affinity'
  | 'unbound-pvc'
  | 'volume-node-affinity'
  | 'too-many-pods'
  | 'port-conflict'
  | 'node-unschedulable'
  | 'topology-spread'
  | 'no-nodes';

const PATTERNS: Array<[RegExp, SchedulingProblem]> = [
  [/Insufficient cpu/i, 'insufficient-cpu'],
  [/Insufficient memory/i, 'insufficient-memory'],
  [/Insufficient [\w.-]*\/gpu/i, 'insufficient-gpu'],
  [/Insufficient ephemeral-storage/i, 'insufficient-ephemeral-storage'],
  [/Insufficient (?!cpu|memory|ephemeral-storage|[\w.-]*\/gpu)[\w./-]+/i, 'insufficient-other'],
  [/untolerated taint|had taints? that the pod didn't tolerate|had taint \{/i, 'untolerated-taint'],
  [/didn't match (?:Pod's )?node (?:affinity|selector)|node\(s\) didn't match node selector/i, 'node-affinity'],
  [/didn't match pod (?:anti-)?affinity|pod affinity rules|anti-affinity rules/i, 'pod-affinity'],
  [/unbound (?:immediate )?PersistentVolumeClaims|persistentvolumeclaim "[^"]+" not found|pvc .* not found/i, 'unbound-pvc'],
  [/volume node affinity conflict/i, 'volume-node-affinity'],
  [/Too many pods/i, 'too-many-pods'],
  [/didn't have free ports/i, 'port-conflict'],
  [/node\(s\) were unschedulable/i, 'node-unschedulable'],
  [/didn't match pod topology spread constraints/i, 'topology-spread'],
  [/no nodes available to schedule pods|0\/0 nodes are available/i, 'no-nodes'],
];

/** Only the part before "preemption:" says why nodes did not fit; the rest is about preemption. */
export function classifySchedulingMessage(message: string | null | undefined): SchedulingProblem[] {
  if (!message) return [];
  const fitPart = message.split(/\bpreemption:/i)[0] ?? message;
  const problems: SchedulingProblem[] = [];
  for (const [pattern, problem] of PATTERNS) {
    if (pattern.test(fitPart) && !problems.includes(problem)) problems.push(problem);
  }
  return problems;
}
