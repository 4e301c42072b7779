import { describe, expect, it } from 'vitest';
import { readProbeLine } from '../src/sources/describe/probe-line.js';
import { readOnePod } from './support/read-paste.js';

const TIMING = 'delay=10s timeout=1s period=10s #success=1 #failure=3';
const TIMED = { initialDelaySeconds: 10, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

describe('probe lines of kubectl describe pod', () => {
  it.each([
    [`http-get http://:8080/healthz ${TIMING}`, { httpGet: { scheme: 'HTTP', port: 8080, path: '/healthz' } }],
    [`http-get https://10.0.0.5:http/ready?full=1 ${TIMING}`, { httpGet: { scheme: 'HTTPS', host: '10.0.0.5', port: 'http', path: '/ready?full=1' } }],
    [`exec [sh -c exit 1] ${TIMING}`, { exec: { command: ['sh', '-c', 'exit', '1'] } }],
    [`tcp-socket :5432 ${TIMING}`, { tcpSocket: { port: 5432 } }],
    [`tcp-socket db.local:postgres ${TIMING}`, { tcpSocket: { host: 'db.local', port: 'postgres' } }],
    [`grpc <pod>:9000 health.v1 ${TIMING}`, { grpc: { port: 9000, service: 'health.v1' } }],
    [`grpc <pod>:9000  ${TIMING}`, { grpc: { port: 9000 } }],
  ])('%s', (line, handler) => {
    expect(readProbeLine(line)).toEqual({ ...handler, ...TIMED });
  });

  it('reads minutes in timings and leaves out what the line does not say', () => {
    expect(readProbeLine('http-get http://:8080/ delay=1m30s')).toEqual({ httpGet: { scheme: 'HTTP', port: 8080, path: '/' }, initialDelaySeconds: 90 });
  });

  it('gives nothing for a handler it does not know', () => {
    expect(readProbeLine(`unknown ${TIMING}`)).toBeNull();
    expect(readProbeLine('')).toBeNull();
  });

  it('puts liveness, readiness and startup probes on their container', async () => {
    const text = [
      'Containers:',
      '  app:',
      `    Liveness:   http-get http://:8080/healthz ${TIMING}`,
      `    Readiness:  exec [cat /tmp/ready] ${TIMING}`,
      `    Startup:    tcp-socket :8080 ${TIMING}`,
    ].join('\n');
    const app = (await readOnePod(text)).pod.spec?.containers[0];
    expect(app?.livenessProbe?.httpGet?.path).toBe('/healthz');
    expect(app?.readinessProbe?.exec?.command).toEqual(['cat', '/tmp/ready']);
    expect(app?.startupProbe?.tcpSocket?.port).toBe(8080);
  });
});
