// `kubectl podmortem` the way kubectl finds a plugin: the package installed as the README says
// (`npm install -g .`, here into a throwaway prefix), its `kubectl-podmortem` executable on PATH,
// run by a real kubectl against the real API server.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterAvailable, clusterDir, readClusterEnv, type ClusterEnv } from './helpers.js';
import { runKubectl } from './kubectl-helpers.js';

const repo = path.resolve(clusterDir, '../..');

describe.skipIf(!clusterAvailable())('kubectl podmortem (the plugin on PATH)', () => {
  let env: ClusterEnv;
  let bin: string;
  let pathVariable: string;
  const kubectl = (args: string[], extra: Record<string, string> = {}) => runKubectl(env.kubectl, args, { env: { PATH: pathVariable, KUBECONFIG: env.adminKubeconfig, NO_COLOR: '1', ...extra } });

  beforeAll(() => {
    env = readClusterEnv();
    const prefix = mkdtempSync(path.join(tmpdir(), 'podmortem-prefix-'));
    // The build is there already (npm run test:cluster builds first); installing links the package.
    const install = spawnSync('npm', ['install', '-g', '--prefix', prefix, repo, '--ignore-scripts', '--no-audit', '--no-fund'], { encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    bin = path.join(prefix, 'bin');
    // Only the install, node (the plugin's #!/usr/bin/env node) and the system: no other podmortem.
    pathVariable = [bin, path.dirname(process.execPath), '/usr/bin', '/bin'].join(path.delimiter);
  });

  it('kubectl plugin list finds kubectl-podmortem, executable and not shadowed', async () => {
    const result = await kubectl(['plugin', 'list']);
    expect(result.stdout).toContain(path.join(bin, 'kubectl-podmortem'));
    expect(result.stderr).not.toMatch(/kubectl-podmortem.*(not executable|overshadowed|warning)/i);
  });

  it('kubectl podmortem --help prints podmortem\'s usage', async () => {
    const result = await kubectl(['podmortem', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^podmortem \d+\.\d+\.\d+: why is this Kubernetes pod failing/);
    expect(result.stdout).toContain('also as kubectl podmortem');
  });

  it('kubectl podmortem diagnose reads the cluster kubectl points it at (KUBECONFIG) and names the cause', async () => {
    const result = await kubectl(['podmortem', 'diagnose', 'config-api', '-n', 'podmortem-e2e', '-o', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).pods[0].findings[0].cause).toBe('config-error');
  });

  it('kubectl podmortem scan --short: one line per unhealthy pod', async () => {
    const result = await kubectl(['podmortem', 'scan', '-n', 'podmortem-e2e', '--short']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(7);
    expect(lines.find((l) => l.includes('podmortem-e2e/config-api'))).toMatch(/^CRITICAL podmortem-e2e\/config-api CreateContainerConfigError: /);
  });
});
