import { describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { redactArgv, redactSecrets, REDACTED } from '../src/sources/redaction/redact-text.js';
import { isKeptAnnotation } from '../src/sources/redaction/scrub-annotations.js';
import { scrubIncident } from '../src/sources/redaction/scrub-incident.js';
import { scrubPod } from '../src/sources/redaction/scrub-pod.js';
import { isSecretName } from '../src/sources/redaction/secret-names.js';
import { SECRET_SHAPES } from '../src/sources/redaction/secret-shapes.js';

describe('secret shapes', () => {
  for (const shape of SECRET_SHAPES) {
    it(`${shape.name}: the secret goes, the text around it stays, a second pass changes nothing`, () => {
      const once = redactSecrets(shape.example.text);
      expect(once).not.toContain(shape.example.secret);
      expect(once).toContain(REDACTED);
      expect(redactSecrets(once)).toBe(once);
      const head = shape.example.text.slice(0, 4);
      expect(once.startsWith(head)).toBe(true);
    });
  }

  it('keeps the provider prefix, the header name and scheme, the URL user', () => {
    expect(redactSecrets('clone https://ghp_R8sTuVwXyZ0123456789abcdefABCDEF1234@github.com/o/r')).toBe(`clone https://ghp_${REDACTED}@github.com/o/r`);
    expect(redactSecrets('> Authorization: Bearer abc.def-123')).toBe(`> Authorization: Bearer ${REDACTED}`);
    expect(redactSecrets('headers={"authorization": "Basic dXNlcjpwYXNz"}')).toBe(`headers={"authorization": "Basic ${REDACTED}"}`);
    expect(redactSecrets('Proxy-Authorization: s3cr3tvalue')).toBe(`Proxy-Authorization: ${REDACTED}`);
    expect(redactSecrets('connecting to postgres://orders:hunter2@db.shop:5432/orders')).toBe(`connecting to postgres://orders:${REDACTED}@db.shop:5432/orders`);
    expect(redactSecrets('using key AKIAIOSFODNN7EXAMPLE for s3')).toBe(`using key AKIA${REDACTED} for s3`);
  });

  it('redacts a private key block the log tail cut off, to the end', () => {
    const cut = redactSecrets('oops\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmU');
    expect(cut).not.toContain('b3BlbnNzaC1rZXktdjEAAAAABG5vbmU');
    expect(cut.startsWith('oops\n')).toBe(true);
  });
});

describe('secrets given by name', () => {
  const cases: ReadonlyArray<[string, string]> = [
    ['login user=bob password=hunter2 ok', `login user=bob password=${REDACTED} ok`],
    ['DB_PASSWORD="p@ss word"', `DB_PASSWORD="${REDACTED}"`],
    ['{"token":"abc123","user":"x"}', `{"token":"${REDACTED}","user":"x"}`],
    ['{"secret": "a \\" quote"}', `{"secret": "${REDACTED}"}`],
    ['client_secret: s3cr3t', `client_secret: ${REDACTED}`],
    ['?api_key=XYZ&page=2', `?api_key=${REDACTED}&page=2`],
    ['aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', `aws_secret_access_key = ${REDACTED}`],
    ['the API key: abcdef123', `the API key: ${REDACTED}`],
    // A password may be a word; only token values are never dictionary words.
    ['password: letmein', `password: ${REDACTED}`],
    ['token: abcdefghijklmnopq', `token: ${REDACTED}`],
    ['refresh_token: zx81Kq', `refresh_token: ${REDACTED}`],
    ['X-Api-Key: k3y-value', `X-Api-Key: ${REDACTED}`],
    ['msg="token=abc123"', `msg="token=${REDACTED}"`],
    ['User{name=x, password=hunter2}', `User{name=x, password=${REDACTED}}`],
    ['AccountName=acc;AccountKey=YWJjZGVm=;EndpointSuffix=core.windows.net', `AccountName=acc;AccountKey=${REDACTED};EndpointSuffix=core.windows.net`],
    ['GET /c?sv=2020&sig=abc%2Bdef%3D&se=1', `GET /c?sv=2020&sig=${REDACTED}&se=1`],
    ['run --db-password X1y2 --verbose', `run --db-password ${REDACTED} --verbose`],
    ['run --token "a b c" next', `run --token "${REDACTED}" next`],
    ['connecting with password hunter2', `connecting with password ${REDACTED}`],
    ['using apikey Zx81kLq0 now', `using apikey ${REDACTED} now`],
    ['mysql -h db -uroot -pS3cret shop', `mysql -h db -uroot -p${REDACTED} shop`],
    ['sshpass -p S3cret ssh host', `sshpass -p ${REDACTED} ssh host`],
    ['redis-cli -a S3cret ping', `redis-cli -a ${REDACTED} ping`],
    ['curl -u admin:hunter2 http://x', `curl -u admin:${REDACTED} http://x`],
    ['> Cookie: session=7f3a; theme=dark', `> Cookie: ${REDACTED}`],
    ['X-Auth: Basic YWRtaW46aHVudGVyMg==', `X-Auth: Basic ${REDACTED}`],
  ];
  for (const [text, expected] of cases) it(text, () => expect(redactSecrets(text)).toBe(expected));
});

describe('what redaction leaves alone', () => {
  const kept = [
    'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space',
    'FATAL: password authentication failed for user "app"',
    'MountVolume.SetUp failed for volume "tls" : secret "api-gateway-tls" not found',
    'Error: secret "db-creds" not found',
    'error: invalid bearer token',
    'the token has expired',
    'listen tcp :8080: bind: address already in use',
    'Back-off restarting failed container app in pod orders-api_shop(5f1e7a2c)',
    'Liveness probe failed: Get "http://10.0.3.142:8080/actuator/health/liveness": context deadline exceeded',
    'registry.example.com/shop/orders-api@sha256:3f0c9b6a1d2e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a',
    'GET https://example.com/path?q=1 and http://host:8080/x?email=a@b.c',
    'password_file=/run/secrets/db secretName=db tokenTTL=3600 secretKeyRef=api',
    '--password=$(DB_PASSWORD) --token=${TOKEN} api_key=<set to the key \'k\' in secret \'s\'>',
    'time=10:44:02 level=info tokens=4096 auth=true',
    'docker run -p 8080:80 -u 1000:1000 nginx; find . -path ./x -print',
    'exit code 137 (OOMKilled), exit code 1, signal: killed',
    // containerd's answer to a registry 401: "token:" here is prose, the URL carries no secret.
    'failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Fapi%3Apull&service=ghcr.io: 401 Unauthorized',
  ];
  for (const text of kept) it(text, () => expect(redactSecrets(text)).toBe(text));
});

describe('isSecretName: the last word decides', () => {
  it.each([
    ['DB_PASSWORD', true],
    ['clientSecret', true],
    ['--api-key', true],
    ['X-Auth-Token', true],
    ['aws_secret_access_key', true],
    ['AccountKey', true],
    ['mysqlrootpassword', true],
    ['password2', true],
    ['password_file', false],
    ['secretName', false],
    ['secretKeyRef', false],
    ['tokenTTL', false],
    ['key', false],
    ['bypass', false],
    ['sig', false],
  ])('%s: %s', (name, secret) => expect(isSecretName(name as string)).toBe(secret));

  it('sig only as a URL query key', () => expect(isSecretName('sig', true)).toBe(true));
});

describe('redactArgv', () => {
  it('replaces the item after a flag, a header name or a scheme that names a secret', () => {
    expect(redactArgv(['--db-password', 'X', '--token', 'Y', '--client-secret', 'Z', '--password-file', '/run/x', '--verbose'])).toEqual([
      '--db-password',
      REDACTED,
      '--token',
      REDACTED,
      '--client-secret',
      REDACTED,
      '--password-file',
      '/run/x',
      '--verbose',
    ]);
    expect(redactArgv(['curl', '-H', '"Authorization:', 'Bearer', 'tok3n12345"', 'localhost'])).toEqual(['curl', '-H', '"Authorization:', 'Bearer', `${REDACTED}"`, 'localhost']);
    expect(redactArgv(['--password', '$(DB_PASSWORD)'])).toEqual(['--password', '$(DB_PASSWORD)']);
  });

  it('sees a tool named in one item and its password flag in another', () => {
    expect(redactArgv(['mysql', '-uroot', '-pPASS', 'db'])).toEqual(['mysql', '-uroot', `-p${REDACTED}`, 'db']);
    expect(redactArgv(['sshpass', '-p', 'PASS', 'ssh', 'h'])).toEqual(['sshpass', '-p', REDACTED, 'ssh', 'h']);
    expect(redactArgv(['curl', '-u', 'admin:PASS', 'http://x'])).toEqual(['curl', '-u', `admin:${REDACTED}`, 'http://x']);
    expect(redactArgv(['ssh', '-p', '2222', 'host'])).toEqual(['ssh', '-p', '2222', 'host']);
  });
});

describe('scrubPod', () => {
  const pod: V1Pod = {
    metadata: {
      name: 'api',
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"spec":{"containers":[{"env":[{"name":"DB_PASSWORD","value":"hunter2"}]}]}}',
        'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false',
        'checksum/config': '3f0c9b6a',
        'vault.hashicorp.com/agent-inject': 'true',
        team: 'shop',
      },
      labels: { app: 'api' },
      managedFields: [{ manager: 'kubectl' }],
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'api:1',
          command: ['/bin/app', '--token'],
          args: ['T0ken', '--db=postgres://api:hunter2@db:5432/api', '--verbose'],
          env: [
            { name: 'DB_PASSWORD', value: 'hunter2' },
            { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
          ],
          livenessProbe: { httpGet: { path: '/healthz', port: 8080 as never, httpHeaders: [{ name: 'X-Probe-Key', value: 'pk1' }, { name: 'Accept', value: 'text/plain' }] } },
        },
      ],
      initContainers: [{ name: 'migrate', image: 'api:1', env: [{ name: 'PASSWORD', value: 'hunter2' }] }],
      volumes: [{ name: 'cifs', flexVolume: { driver: 'x/cifs', options: { user: 'svc', password: 'p' } } }],
    },
  };

  it('drops env values and keeps names and valueFrom references', () => {
    const scrubbed = scrubPod(pod);
    expect(scrubbed.spec?.containers[0]?.env).toEqual([{ name: 'DB_PASSWORD' }, { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } }]);
    expect(scrubbed.spec?.initContainers?.[0]?.env).toEqual([{ name: 'PASSWORD' }]);
    expect(JSON.stringify(scrubbed)).not.toContain('hunter2');
  });

  it('reads command and args as one command line', () => {
    const scrubbed = scrubPod(pod).spec?.containers[0];
    expect(scrubbed?.command).toEqual(['/bin/app', '--token']);
    expect(scrubbed?.args).toEqual([REDACTED, `--db=postgres://api:${REDACTED}@db:5432/api`, '--verbose']);
  });

  it('keeps allow-listed annotations, redacts the others but true/false, drops last-applied and managedFields', () => {
    const scrubbed = scrubPod(pod);
    expect(scrubbed.metadata?.annotations).toEqual({
      'cluster-autoscaler.kubernetes.io/safe-to-evict': 'false',
      'checksum/config': '3f0c9b6a',
      'vault.hashicorp.com/agent-inject': 'true',
      team: REDACTED,
    });
    expect(scrubbed.metadata?.managedFields).toBeUndefined();
    expect(isKeptAnnotation('kubectl.kubernetes.io/default-container')).toBe(true);
    expect(isKeptAnnotation('example.com/anything')).toBe(false);
  });

  it('probe headers by allow-list, flexVolume options all redacted, and its input untouched', () => {
    const scrubbed = scrubPod(pod);
    expect(scrubbed.spec?.containers[0]?.livenessProbe?.httpGet?.httpHeaders).toEqual([
      { name: 'X-Probe-Key', value: REDACTED },
      { name: 'Accept', value: 'text/plain' },
    ]);
    expect(scrubbed.spec?.volumes?.[0]?.flexVolume?.options).toEqual({ user: REDACTED, password: REDACTED });
    expect(pod.spec?.containers[0]?.env?.[0]?.value).toBe('hunter2');
  });
});

describe('scrubIncident', () => {
  it('is idempotent and returns clean data as it was', () => {
    const incident = {
      pod: scrubPod({ metadata: { name: 'web', namespace: 'shop' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } }),
      events: [{ type: 'Warning', reason: 'BackOff', message: 'Back-off restarting failed container', count: 1, firstTimestamp: null, lastTimestamp: null, involvedObject: { kind: 'Pod', name: 'web' }, source: 'kubelet' }],
      logs: [{ container: 'web', previous: 'token=abc123 started' }],
      nodeEvents: [],
      source: { kind: 'file' as const, capturedAt: '2026-11-20T10:00:00Z' },
    };
    const once = scrubIncident(incident);
    expect(once.logs[0]?.previous).toBe(`token=${REDACTED} started`);
    expect(scrubIncident(once)).toEqual(once);
    expect(once.events).toBe(incident.events);
  });

  it('reaches strings that are items of a list, as the notes of what could not be read', () => {
    const token = `ghp_${'a1B2c3D4e5'.repeat(3)}x9Y8z7`;
    const incident = {
      pod: scrubPod({ metadata: { name: 'web', namespace: 'shop' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } }),
      events: [],
      logs: [],
      nodeEvents: [],
      source: { kind: 'cluster' as const, capturedAt: '2026-11-20T10:00:00Z' },
      missing: [`events of the pod: forbidden (token ${token})`],
    };
    const scrubbed = scrubIncident(incident);
    expect(scrubbed.missing?.[0]).not.toContain(token);
    expect(scrubbed.missing?.[0]).toContain(REDACTED);
  });

  it('keeps every other item of the list and every other field of the object, in place, and leaves its input as it was', () => {
    const token = `ghp_${'a1B2c3D4e5'.repeat(3)}x9Y8z7`;
    const event = { type: 'Warning', reason: 'Failed', message: `pull failed: token ${token}`, count: 3, firstTimestamp: null, lastTimestamp: null, involvedObject: { kind: 'Pod', name: 'web' }, source: 'kubelet' };
    const incident = {
      pod: scrubPod({ metadata: { name: 'web', namespace: 'shop' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } }),
      events: [event],
      logs: [],
      nodeEvents: [],
      source: { kind: 'cluster' as const, capturedAt: '2026-11-20T10:00:00Z' },
      missing: ['logs of web: forbidden', `events of the pod: forbidden (token ${token})`, 'the node: forbidden'],
    };
    const scrubbed = scrubIncident(incident);
    expect(scrubbed.missing).toEqual(['logs of web: forbidden', `events of the pod: forbidden (token ghp_${REDACTED})`, 'the node: forbidden']);
    expect(scrubbed.events).toEqual([{ ...event, message: `pull failed: token ghp_${REDACTED}` }]);
    expect(incident.missing[1]).toContain(token);
    expect(event.message).toContain(token);
  });
});
