// What a workload requires of the root cause's words (title, evidence lines, what it must not
// claim), checked on the live diagnosis and its replay by failures.test.ts, and on the recorded
// fixtures by the plain npm test (recorded-wording.test.ts), so a rule change that breaks the
// wording on real kubelet output shows without a cluster.
import type { PodDiagnosis } from '../../src/model/finding.js';
import type { Workload } from './workloads.js';

/** What is wrong with the root cause's title and evidence (`source: text` lines), as failure lines. */
export function rootCauseTextProblems(workload: Workload, pods: readonly PodDiagnosis[]): string[] {
  const rootCause = pods[0]?.findings[0];
  const problems: string[] = [];
  if (workload.title && !workload.title.test(rootCause?.title ?? '')) problems.push(`title ${JSON.stringify(rootCause?.title)} does not match ${workload.title}`);
  if (workload.notSaid) {
    const said = [rootCause?.explanation ?? '', ...(rootCause?.remediation ?? []).map((s) => `${s.text} ${s.command ?? ''}`)].join('\n');
    if (workload.notSaid.test(said)) problems.push(`the root cause says ${workload.notSaid} but must not:\n${said}`);
  }
  const evidence = (rootCause?.evidence ?? []).map((e) => `${e.source}: ${e.text}`);
  for (const line of workload.evidence) {
    if (!evidence.some((l) => l.startsWith(line))) problems.push(`evidence "${line}" missing from\n  ${evidence.join('\n  ')}`);
  }
  return problems;
}
