import { describe, expect, it } from 'vitest';
import { lastFailedProbeRequest, probeKindNamedBy, probeRequestIn } from '../src/facts/probe-requests.js';
import { builtInDiagnoser } from './helpers.js';
import { ago, makeIncident, makePod } from './build-incident.js';
import { readPaste } from './support/read-paste.js';

/*
 * kubelet's HTTP probes carry the User-Agent kube-probe/1.x, and the app logs them like any
 * request. People paste that access log when a pod never becomes ready or keeps restarting: the
 * failing answers there are the probe failing, seen from the container's side. Made-up lines in
 * the formats servers print (nginx's combined format, logfmt, JSON, Go's map dumps).
 */

const NGINX_503 = '10.244.1.1 - - [20/Nov/2026:11:58:01 +0000] "GET /healthz HTTP/1.1" 503 19 "-" "kube-probe/1.31"';
const NGINX_200 = '10.244.1.1 - - [20/Nov/2026:11:59:01 +0000] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.31"';

describe("reading kubelet's probe requests in an access log", () => {
  it.each([
    ['nginx combined', NGINX_503, '/healthz', 503],
    ['logfmt', 'ts=2026-11-20T11:58:01Z level=warn msg="request" method=GET path=/api/ready status=500 user_agent="kube-probe/1.29"', '/api/ready', 500],
    ['JSON', '{"time":"2026-11-20T11:58:01Z","request_uri":"/livez","status_code":404,"http_user_agent":"kube-probe/1.30"}', '/livez', 404],
    ['a Go map dump', 'level=info msg=completed handling request http_request=map[headers:map[user-agent:kube-probe/1.18+] method:GET path:/health/ready] http_response=map[status:503]', '/health/ready', 503],
  ])('%s', (_format, line, path, status) => {
    expect(probeRequestIn(line)).toEqual({ path, status, line });
  });

  it('a request of anyone but kubelet is no probe, nor is a kube-probe line without a status', () => {
    expect(probeRequestIn(NGINX_503.replace('kube-probe/1.31', 'curl/8.5.0'))).toBeNull();
    expect(probeRequestIn('probe agent kube-probe/1.31 started on path=/healthz')).toBeNull();
  });

  it('the last probe request decides: answered 200 after the 503s, the probe has recovered', () => {
    expect(lastFailedProbeRequest([NGINX_503, NGINX_503, NGINX_200].join('\n'))).toBeNull();
    expect(lastFailedProbeRequest([NGINX_200, NGINX_503, 'GET /orders 200', NGINX_503].join('\n'))).toEqual({ request: expect.objectContaining({ status: 503 }), failures: 2 });
  });

  it('kubelet passes 200-399 only: a redirect passes, a 404 fails', () => {
    expect(lastFailedProbeRequest(NGINX_503.replace('" 503 ', '" 302 '))).toBeNull();
    expect(lastFailedProbeRequest(NGINX_503.replace('" 503 ', '" 404 '))?.request.status).toBe(404);
  });

  it("a path's name says which probe it serves only by whole words", () => {
    expect(probeKindNamedBy('/health/ready?verbose')).toBe('readiness');
    expect(probeKindNamedBy('/livez')).toBe('liveness');
    expect(probeKindNamedBy('/startup')).toBe('startup');
    expect(probeKindNamedBy('/delivery/health')).toBeNull();
    expect(probeKindNamedBy('/already')).toBeNull();
  });
});

async function diagnose(incident: Parameters<Awaited<ReturnType<typeof builtInDiagnoser>>['diagnose']>[0]) {
  return (await builtInDiagnoser()).diagnose(incident);
}

describe('which probe fails, and what is said of it', () => {
  const running = (restartCount: number, ready: boolean) => ({
    phase: 'Running',
    containerStatuses: [{ name: 'app', image: 'registry.example.com/web:1.0', imageID: '', ready, restartCount, state: { running: { startedAt: ago(40) } } }],
  });

  it('the configured probe on that path settles it, shared paths by whether the container restarts', async () => {
    const probe = { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10, failureThreshold: 30 };
    const pod = (restarts: number) =>
      makePod({ spec: { containers: [{ name: 'app', image: 'registry.example.com/web:1.0', livenessProbe: probe, readinessProbe: probe }] }, status: running(restarts, false) });
    const calm = await diagnose({ ...makeIncident({ pod: pod(0) }), logs: [{ container: 'app', current: NGINX_503 }] });
    expect(calm.findings[0]).toMatchObject({ rule: 'readiness-probe-requests-failing', cause: 'readiness-probe' });
    expect(calm.findings[0]?.explanation).toContain('Its readiness probe asks that path: http-get http://:8080/healthz');
    const restarting = await diagnose({ ...makeIncident({ pod: pod(3) }), logs: [{ container: 'app', current: NGINX_503 }] });
    expect(restarting.findings.map((f) => f.rule)).toContain('liveness-probe-requests-failing');
  });

  it('without the spec or a telling name, it is a guess and the wording says so', async () => {
    const incident = { ...makeIncident({ pod: makePod({ status: running(0, false) }) }), logs: [{ container: 'app', current: NGINX_503 }] };
    const top = (await diagnose(incident)).findings[0];
    expect(top).toMatchObject({ rule: 'readiness-probe-requests-failing', title: "container app's log shows kubelet's probe requests to /healthz answered HTTP 503: its readiness probe fails" });
    expect(top?.explanation).toContain('Which probe asks that path is not shown; most likely the readiness probe, as no restart of the container is shown');
    expect(top?.evidence).toContainEqual({ source: 'logs app', text: NGINX_503 });
  });

  it('a container shown ready, or kubelet\'s own Unhealthy events, leave the access log unused', async () => {
    const ready = await diagnose({ ...makeIncident({ pod: makePod({ status: running(0, true) }) }), logs: [{ container: 'app', current: NGINX_503 }] });
    expect(ready.findings.map((f) => f.rule)).not.toContain('readiness-probe-requests-failing');
  });
});

describe('an access log pasted alone', () => {
  it('is read as the log of an unnamed pod whose probe fails, not refused', async () => {
    const incidents = await readPaste(`${[NGINX_200, '10.244.1.7 - - [20/Nov/2026:11:58:02 +0000] "GET /orders HTTP/1.1" 200 812 "-" "okhttp/4.12"', NGINX_503].join('\n')}\n`, '2026-11-20T12:00:00Z');
    expect(incidents).toHaveLength(1);
    const top = (await diagnose(incidents[0]!)).findings[0];
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'readiness-probe-requests-failing', cause: 'readiness-probe' });
    expect(incidents[0]!.missing[0]).toContain("kubelet's probe request to /healthz answered 503");
  });

  it('a probe that answered 200 last is still a log without a failure: refused with advice', async () => {
    await expect(readPaste(`${[NGINX_503, NGINX_200].join('\n')}\n`)).rejects.toThrow(/not kubectl output podmortem can read/);
  });
});
