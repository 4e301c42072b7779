// podmortem only reads: every request its user agent sent, as the API server's audit log
// records it, is get, list or watch, and pods/log is only ever read with get.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterAvailable, readClusterEnv, type ClusterEnv } from './helpers.js';
import { podmortemRequests, requestsDuring, runCli, startCli } from './live-helpers.js';

describe.skipIf(!clusterAvailable())('podmortem is read-only (audit log)', () => {
  let env: ClusterEnv;

  beforeAll(() => {
    env = readClusterEnv();
  });

  it('sends only get, list and watch, whatever the command', async () => {
    const admin = ['--kubeconfig', env.adminKubeconfig];
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'podmortem-readonly-')), 'bundle.json');
    const ours = await requestsDuring(env.auditLog, async () => {
      await Promise.all([
        runCli(['diagnose', 'api-5c8d7f9b6d-x2x9q', '-n', 'podmortem-e2e', ...admin]),
        runCli(['diagnose', 'deploy/api', '-n', 'podmortem-e2e', ...admin]),
        runCli(['scan', '-A', ...admin]),
      ]);
      await Promise.all([
        runCli(['record', 'liveness-web', '-n', 'podmortem-e2e', '-f', file, ...admin]),
        runCli(['diagnose', 'restricted-api', '--kubeconfig', env.restrictedKubeconfig]),
        runCli(['scan', '--kubeconfig', env.restrictedKubeconfig]),
        runCli(['diagnose', 'no-such-pod', '-n', 'podmortem-e2e', ...admin]),
      ]);
      const watching = startCli(['diagnose', 'readiness-web', '-n', 'podmortem-e2e', '--watch', ...admin]);
      await watching.waitFor('stdout', /diagnosis/);
      await watching.interrupt();
    });
    // Everything the commands above need: reads of every kind, by both users.
    expect(new Set(ours.map((r) => r.verb))).toEqual(new Set(['get', 'list', 'watch']));
    expect(new Set(ours.map((r) => r.user))).toEqual(new Set([env.adminUser, env.restrictedUser]));
    expect(ours.some((r) => r.resource === 'pods' && r.subresource === 'log')).toBe(true);

    const all = podmortemRequests(env.auditLog);
    const writes = all.filter((r) => !['get', 'list', 'watch'].includes(r.verb));
    expect(writes.map((r) => `${r.verb} ${r.requestURI}`)).toEqual([]);
    const logReads = all.filter((r) => r.subresource === 'log');
    expect(new Set(logReads.map((r) => r.verb))).toEqual(new Set(['get']));
    process.stdout.write(`audit: ${all.length} podmortem requests in this run, all get/list/watch\n`);
  });
});
