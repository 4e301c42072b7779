// Every kubectl command podmortem suggests must parse on kubectl 1.28 to 1.34: each invocation
// in every command line (the fixtures' diagnoses and every rule's template) is checked against
// a table of the verbs, resource types and flags kubectl accepts. The cluster suite runs the
// same commands through a real kubectl against a real API server (kubectl-commands.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import { kubectlInvocations, parseInvocation, shellCommands } from './support/kubectl-invocations.js';
import { commandsOf, fixtureIncidents, ruleTemplateCommands, type SuggestedCommand } from './support/suggested-commands.js';

let commands: SuggestedCommand[] = [];

beforeAll(async () => {
  commands = [...(await commandsOf(await fixtureIncidents())), ...(await ruleTemplateCommands())];
});

function problemsOf(line: string): string[] {
  return kubectlInvocations(line).flatMap((args) => parseInvocation(args).problems.map((p) => `${p}\n      in: kubectl ${args.join(' ')}`));
}

describe('the command checker', () => {
  it('reads quotes, pipes and chains as a shell does', () => {
    expect(shellCommands(`kubectl get pod x -o jsonpath='{.spec.containers[?(@.name=="app")].command}{" "}' | base64 -d && echo "a b" ; time kubectl get nodes`)).toEqual([
      ['kubectl', 'get', 'pod', 'x', '-o', 'jsonpath={.spec.containers[?(@.name=="app")].command}{" "}'],
      ['base64', '-d'],
      ['echo', 'a b'],
      ['time', 'kubectl', 'get', 'nodes'],
    ]);
    expect(kubectlInvocations('time kubectl exec x -- curl -s localhost; echo exit=$?')).toEqual([['exec', 'x', '--', 'curl', '-s', 'localhost']]);
  });

  it('turns away what kubectl turns away', () => {
    expect(problemsOf('kubectl rollout history replicaset/api-5c8d7f9b6d -n shop')[0]).toMatch(/rollout history does not work on replicaset/);
    expect(problemsOf('kubectl rollout undo pod/api -n shop')[0]).toMatch(/rollout undo does not work on pod/);
    expect(problemsOf('kubectl set resources pod/api -c app --limits=memory=1Gi')[0]).toMatch(/set resources does not work on pod/);
    expect(problemsOf('kubectl logs api -n shop --prev')[0]).toMatch(/no flag --prev/);
    expect(problemsOf('kubectl debug node/n1 -it --profile=sysadmin --image=busybox -- dmesg')[0]).toMatch(/--profile=sysadmin: kubectl 1.28 knows legacy, general/);
    expect(problemsOf('kubectl get widgets')[0]).toMatch(/unknown resource type "widgets"/);
    expect(problemsOf('kubectl exec api -n shop')[0]).toMatch(/needs a command after --/);
    expect(problemsOf('kubectl frobnicate pods')[0]).toMatch(/unknown kubectl command/);
    expect(problemsOf('kubectl logs api -c')[0]).toMatch(/-c needs a value/);
    expect(problemsOf('kubectl get secret ghcr-pull, regcred -n shop')[0]).toMatch(/"ghcr-pull," ends in a comma/);
    expect(problemsOf('kubectl get pods -A -o wide --field-selector spec.nodeName=n1 | grep -i csi')).toEqual([]);
  });
});

describe('every suggested kubectl command parses on kubectl 1.28-1.34', () => {
  it('collects commands from every rule and fixture', () => {
    expect(new Set(commands.map((c) => c.rule)).size).toBeGreaterThan(50);
    expect(commands.filter((c) => !c.origin.startsWith('rule template')).length).toBeGreaterThan(100);
    expect(commands.flatMap((c) => kubectlInvocations(c.command)).length).toBeGreaterThan(300);
  });

  it('has no command kubectl would refuse', () => {
    const problems = commands.flatMap((c) => problemsOf(c.command).map((p) => `${c.origin} (${c.rule}): ${c.command}\n    ${p}`));
    expect([...new Set(problems)]).toEqual([]);
  });
});
