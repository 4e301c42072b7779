import { describe, expect, it } from 'vitest';
import { builtInDiagnoser } from './helpers.js';
import { readPaste } from './support/read-paste.js';
import { ago, makeIncident, makePod } from './build-incident.js';

/*
 * Lifecycle hooks as kubelet reports them (pkg/kubelet/lifecycle and kuberuntime): a failed
 * postStart hook gets a FailedPostStartHook event with the runner's text, a Killing event whose
 * message is `FailedPostStartHook`, and the waiting reason PostStartHookError; a failed preStop
 * hook a FailedPreStopHook event. The runner's text is the same for both hooks.
 */

const CAPTURED = '2026-11-20T12:00:00Z';
const HOOK_TEXT =
  'Exec lifecycle hook ([sh -c /hooks/register.sh]) for Container "api" in Pod "orders-7d9c-x2x_shop(0b6a1f3e-9a55-4f7e-8d1c-2f0e9c1b7a10)" failed - error: command \'sh -c /hooks/register.sh\' exited with 7: , message: "curl: (7) Failed to connect to consul port 8500"';

async function diagnose(text: string) {
  const incidents = await readPaste(text, CAPTURED);
  if (incidents.length !== 1 || !incidents[0]) throw new Error(`expected one pod, got ${incidents.length}`);
  return (await builtInDiagnoser()).diagnose(incidents[0]);
}

describe('a failed postStart hook', () => {
  it('an events row names the hook, the container and the pod: the hook is the root cause', async () => {
    const rows = [
      'Events:',
      '  Type     Reason               Age                From     Message',
      '  ----     ------               ----               ----     -------',
      '  Normal   Started              2m (x4 over 3m)    kubelet  Started container api',
      `  Warning  FailedPostStartHook  2m (x4 over 3m)    kubelet  ${HOOK_TEXT}`,
      '  Normal   Killing              2m (x4 over 3m)    kubelet  FailedPostStartHook',
      '  Warning  BackOff              10s (x12 over 3m)  kubelet  Back-off restarting failed container api in pod orders-7d9c-x2x_shop(0b6a1f3e-9a55-4f7e-8d1c-2f0e9c1b7a10)',
    ].join('\n');
    const diagnosis = await diagnose(`${rows}\n`);
    const [top, ...rest] = diagnosis.findings;
    expect({ rule: top?.rule, cause: top?.cause, container: top?.container }).toEqual({ rule: 'poststart-hook-failed', cause: 'other', container: 'api' });
    expect(top?.title).toBe("container api's postStart hook fails (exit code 7), so kubelet kills the container");
    expect(top?.explanation).toContain('curl: (7) Failed to connect to consul port 8500');
    expect(top?.evidence.map((e) => e.text)).toContain('Normal Killing (x4): FailedPostStartHook');
    // The back-off is the hook's doing, not a second cause.
    expect(rest.find((f) => f.rule === 'crashloop-backoff')?.causedBy).toBe('poststart-hook-failed/api');
    expect(diagnosis).toMatchObject({ name: 'orders-7d9c-x2x', namespace: 'shop' });
  });

  it("a current kubelet's bare `PostStartHook failed` is the hook too, and the hook's output is looked for in the kubelet log", async () => {
    const rows = [
      '  Normal   Started              40s (x3 over 90s)  kubelet  Started container api',
      '  Warning  FailedPostStartHook  40s (x3 over 90s)  kubelet  PostStartHook failed',
      '  Normal   Killing              40s (x3 over 90s)  kubelet  FailedPostStartHook',
    ].join('\n');
    const top = (await diagnose(`${rows}\n`)).findings[0];
    expect({ rule: top?.rule, container: top?.container }).toEqual({ rule: 'poststart-hook-failed', container: 'api' });
    expect(top?.title).toBe("container api's postStart hook fails, so kubelet kills the container");
    expect(top?.explanation).not.toContain("kubelet's message");
    const steps = top?.remediation ?? [];
    expect(steps.map((r) => r.text).join('\n')).toContain("journalctl -u kubelet --since '-1 hour' | grep 'Failed to execute PostStartHook'");
    expect(steps.map((r) => r.text).join('\n')).not.toContain("Read the hook's full message");
    expect(top?.evidence.map((e) => e.text)).toContain('Warning FailedPostStartHook (x3): PostStartHook failed');
  });

  it('the row cut down to its reason and message is still read', async () => {
    const top = (await diagnose(`FailedPostStartHook  ${HOOK_TEXT}\n`)).findings[0];
    expect({ rule: top?.rule, container: top?.container }).toEqual({ rule: 'poststart-hook-failed', container: 'api' });
  });

  it('a status waiting on PostStartHookError is the hook, and its kill (143) is not reported as an unknown SIGTERM', async () => {
    const incident = makeIncident({
      pod: makePod({
        spec: { containers: [{ name: 'api', image: 'shop/orders:4.1', lifecycle: { postStart: { exec: { command: ['sh', '-c', '/hooks/register.sh'] } } } }] },
        status: {
          phase: 'Running',
          containerStatuses: [
            {
              name: 'api',
              image: 'shop/orders:4.1',
              imageID: '',
              ready: false,
              restartCount: 3,
              state: { waiting: { reason: 'PostStartHookError', message: HOOK_TEXT } },
              lastState: { terminated: { exitCode: 143, reason: 'Error', startedAt: new Date(ago(40)), finishedAt: new Date(ago(35)) } },
            },
          ],
        },
      }),
    });
    const findings = (await (await builtInDiagnoser()).diagnose(incident)).findings;
    expect(findings[0]?.rule).toBe('poststart-hook-failed');
    expect(findings[0]?.explanation).toContain('(exec [sh -c /hooks/register.sh])');
    // The hook's own command, to run where the container cannot be caught alive.
    expect(findings[0]?.remediation.map((r) => r.command)).toContain('kubectl run web-0-hook-check -n default --rm -it --restart=Never --image=shop/orders:4.1 --command -- sh -c /hooks/register.sh');
    expect(findings.map((f) => f.rule)).not.toContain('sigterm-exit');
    expect(findings[0]?.evidence.map((e) => e.source)).toContain('status.containerStatuses[api].state.waiting.message');
  });

  it('a hook that was killed (137) says so, and points at the container stopping under it', async () => {
    const killed = HOOK_TEXT.replace('exited with 7', 'exited with 137');
    const top = (await diagnose(`  Warning  FailedPostStartHook  1m  kubelet  ${killed}\n`)).findings[0];
    expect(top?.explanation).toContain('exit code 137 (killed by SIGKILL)');
    expect(top?.remediation.map((r) => r.text).join('\n')).toMatch(/The hook's command was killed \(exit 137\)/);
  });
});

describe('a hook text pasted without its reason', () => {
  it('says a hook failed, not which: kubelet writes the same text for postStart and preStop', async () => {
    const diagnosis = await diagnose(`${HOOK_TEXT}\n`);
    const top = diagnosis.findings[0];
    expect({ rule: top?.rule, container: top?.container, severity: top?.severity }).toEqual({ rule: 'lifecycle-hook-failed', container: 'api', severity: 'warning' });
    expect(top?.title).toMatch(/does not show whether postStart or preStop$/);
    expect(top?.evidence.map((e) => e.text)).toContain(`Warning (reason not shown): ${HOOK_TEXT}`);
  });

  it('beside the kill of a failed postStart hook it is that hook', async () => {
    const paste = `${HOOK_TEXT}\n\n  Normal  Killing  1m  kubelet  FailedPostStartHook\n`;
    expect((await diagnose(paste)).findings[0]?.rule).toBe('poststart-hook-failed');
  });

  it('an HTTP hook is read the same way', async () => {
    const text = 'HTTP lifecycle hook (/warmup) for Container "api" in Pod "orders-7d9c-x2x_shop(0b6a1f3e-9a55-4f7e-8d1c-2f0e9c1b7a10)" failed - error: Get "http://10.1.2.3:8080/warmup": dial tcp 10.1.2.3:8080: connect: connection refused';
    const top = (await diagnose(`"${text}"\n`)).findings[0];
    expect({ rule: top?.rule, container: top?.container }).toEqual({ rule: 'lifecycle-hook-failed', container: 'api' });
    expect(top?.title).not.toMatch(/exit code/);
  });

  it('an event cut to its reason and message keeps the reason; a message alone keeps none', async () => {
    const quoted = JSON.stringify(HOOK_TEXT);
    expect((await diagnose(`reason: FailedPreStopHook\ntype: Warning\nmessage: ${quoted}\n`)).findings[0]?.rule).toBe('prestop-hook-failed');
    expect((await diagnose(`message: ${quoted}\n`)).findings[0]?.rule).toBe('lifecycle-hook-failed');
  });

  it('a reason that never writes the hook text does not pair with it', async () => {
    await expect(diagnose(`reason: BackOff\nmessage: ${JSON.stringify(HOOK_TEXT)}\n`)).rejects.toThrow();
  });
});

describe('a failed preStop hook', () => {
  it('is a warning about a container stopped without its hook, not a cause of a crash', async () => {
    const rows = [
      '  Normal   Killing            30s  kubelet  Stopping container api',
      '  Warning  FailedPreStopHook  25s  kubelet  PreStopHook failed',
    ].join('\n');
    const top = (await diagnose(`${rows}\n`)).findings[0];
    expect({ rule: top?.rule, severity: top?.severity }).toEqual({ rule: 'prestop-hook-failed', severity: 'warning' });
    expect(top?.title).toBe("container api's preStop hook failed while it was being stopped");
  });
});
