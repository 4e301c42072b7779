import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FACT_CATALOG } from '../src/facts/catalog.js';
import { ROOT } from './helpers.js';
import { runCli } from './rules-helpers.js';

const HEAP_CASE = join(ROOT, 'examples/jvm-rules/tests/heap-too-small');

describe('podmortem facts', () => {
  it('lists every fact of the catalog with scope, type, meaning and example', () => {
    const { code, stdout } = runCli(['facts']);
    expect(code).toBe(0);
    for (const def of FACT_CATALOG.values()) expect(stdout).toContain(`\n  ${def.name} (${def.type})\n      ${def.description}\n      e.g. `);
    expect(stdout.indexOf('Pod facts')).toBeLessThan(stdout.indexOf('Container facts'));
    expect(stdout.indexOf('\n  terminationReason (')).toBeGreaterThan(stdout.indexOf('Container facts'));
  });

  it('-o json is the catalog itself', () => {
    const facts = JSON.parse(runCli(['facts', '-o', 'json']).stdout) as Array<{ name: string; scope: string; type: string; example: unknown }>;
    expect(facts.map((f) => f.name)).toEqual([...FACT_CATALOG.keys()]);
    expect(facts.find((f) => f.name === 'memoryLimit')).toMatchObject({ scope: 'container', type: 'string', example: '128Mi' });
  });

  it('prints the facts computed for an incident: the pod, then each container', () => {
    const { code, stdout } = runCli(['facts', HEAP_CASE]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Pod analytics\/report-worker-5c7d9f8b6-h2m4x\n/);
    expect(stdout).toContain('\n  podStatus = "CrashLoopBackOff"\n');
    const container = stdout.slice(stdout.indexOf('\nContainer worker (app)\n'));
    expect(container).toContain('\n  terminationExitCode = 1\n');
    expect(container).toContain('\n  memoryLimit = "2Gi"\n');
    expect(container).toContain('\n  logSignatures = ["java-heap-oom",');
    expect(container).toMatch(/\n {2}logText = "Picked up JAVA_TOOL_OPTIONS.*… \(\d+ chars; -o json shows all\)\n/);
  });

  it('--container and -o json give one container with its own facts, whole', () => {
    const [pod] = JSON.parse(runCli(['facts', HEAP_CASE, '--container', 'worker', '-o', 'json']).stdout);
    expect(pod.pod).toBe('analytics/report-worker-5c7d9f8b6-h2m4x');
    expect(pod.containers).toHaveLength(1);
    expect(pod.containers[0].facts).toMatchObject({ containerName: 'worker', terminationReason: 'Error', restartCount: 5 });
    expect(pod.containers[0].facts.logText).toContain('java.lang.OutOfMemoryError: Java heap space');
    expect(pod.containers[0].facts).not.toHaveProperty('podName');
  });

  it('an unknown container names the ones there are', () => {
    const { code, stderr } = runCli(['facts', HEAP_CASE, '--container', 'app']);
    expect(stderr).toBe('podmortem: no container "app" in the evidence: it has worker (see podmortem --help)\n');
    expect(code).toBe(2);
  });
});
