// The secrets corpus: an OOMKilled pod whose spec, status, annotations, events and logs carry a
// credential in every shape and place podmortem must redact. Each secret is a distinct value, so
// a test can say which one leaked and where.
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { FIXTURES } from '../helpers.js';

const JWT = 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6c2hvcDphcGkifQ.SjwtSignaturePart0123456789';
const PEM_BODY = 'MIIEowIBAAKCAQEAsecretPemBodyLine0123456789abcdefABCDEF';

/** Every planted secret by what it is; none of these values may survive. */
export const SECRETS = {
  githubClassic: 'ghp_R8sTuVwXyZ0123456789abcdefABCDEF1234',
  githubOauth: 'gho_Q1wE2rT3yU4iO5pA6sD7fG8hJ9kL0zXcVbNm',
  githubServer: 'ghs_M9nB8vC7xZ6lK5jH4gF3dS2aP1oI0uYtReWq',
  githubFineGrained: 'github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyzABCDEF0123456789abcdefghijklmnop',
  slackBot: 'xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOp',
  slackUser: 'xoxp-2234567890-1987654321-QrStUvWxYz012345',
  gitlab: 'glpat-Xy7Zq2Wv9Ut4Sr1Pq6No',
  awsKeyIdTail: 'IOSFODNN7EXAMPLE',
  awsSecretKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  awsSessionIdTail: 'QWERTYUIOPASDFGH',
  gcpApiKeyTail: 'SyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv',
  gcpOauthSecretTail: 'Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1',
  azureClientSecret: 'abc8Q~Zx9vT.pQ2rS-tU4wX_yZ6aB8cD0eF1gH3i',
  azureAccountKey: 'c3RvcmFnZUFjY291bnRLZXlTZWNyZXQ=',
  azureSasSig: 'sasSigSecret%2Babc%3D',
  vault: 'hvs.CAESIJ3kLmNoPqRsTuVwXyZ0123456789abc',
  vaultAnnotation: 'hvs.AnnotationVaultTokenValue0123456789',
  npm: 'npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8',
  stripe: 'sk_live_51Hc8x2eZvKYlo2C0123456789',
  jwtPayload: 'eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6c2hvcDphcGkifQ',
  pemBody: PEM_BODY,
  basicAuth: 'dXNlcjpodW50ZXIyQmFzaWM=',
  bearer: 'bearerTok3n0123456789abcdef',
  termBearer: 'termBearer0123456789xyz',
  urlPassword: 'S3cretUrlPass',
  termUrlPassword: 'TermUrlPass21',
  annotationUrlPassword: 'AnnoPass12',
  keyEquals: 'kv-secret-value-1',
  keyColon: 'yaml-secret-value-2',
  jsonValue: 'json-secret-3',
  argvDbPassword: 'argvDbPass4',
  argvToken: 'argvToken5',
  argvClientSecret: 'argvClientSecret6',
  mysqlAttached: 'MysqlPass7',
  proseHunter: 'hunter2x',
  proseApiKey: 'Zx81kLq0ApiKey',
  probeHeader: 'xApiKeyValue8',
  probePathToken: 'probePathToken9',
  hookPassword: 'HookPass10',
  hookHeaderToken: 'hookVaultToken0123',
  flexOption: 'FlexPass11',
  csiAttribute: 'CsiSecret18',
  opaqueAnnotation: 'opaque-annotation-secret-13',
  lastApplied: 'LastAppliedSecret20',
  envValue: 'EnvSecret15',
  redisPassword: 'RedisPass16',
  sshpassPassword: 'SshPass17',
  cookie: 'CookieVal19abc',
  eventAuthorization: 'eventAuthTok3n99',
  xAuthToken: 'xAuthTokenValue22',
} as const;

const fixture = (file: string) => parse(readFileSync(join(FIXTURES, 'oom-killed-jvm', file), 'utf8')) as Record<string, unknown>;

type Pod = {
  metadata: Record<string, unknown>;
  spec: { containers: Record<string, unknown>[]; [k: string]: unknown };
  status: { containerStatuses: { lastState: { terminated: Record<string, unknown> } }[] };
};

/** The OOMKilled JVM fixture's pod with the secrets planted in its spec, annotations and termination message. */
export function secretPod(): Pod {
  const s = SECRETS;
  const pod = fixture('pod.yaml') as unknown as Pod;
  pod.metadata.annotations = {
    'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ spec: { containers: [{ env: [{ name: 'X', value: s.lastApplied }] }] } }),
    'vault.hashicorp.com/agent-inject-token': s.vaultAnnotation,
    'example.com/db-url': `postgres://orders:${s.annotationUrlPassword}@db.shop:5432/orders`,
    'example.com/opaque': s.opaqueAnnotation,
    'prometheus.io/scrape': 'true',
  };
  const app = pod.spec.containers[0]!;
  Object.assign(app, {
    command: ['sh', '-c', `mysql -uroot -p${s.mysqlAttached} shop && redis-cli -a ${s.redisPassword} ping && exec java -jar app.jar`],
    args: [
      '--db-password',
      s.argvDbPassword,
      '--token',
      s.argvToken,
      '--client-secret',
      s.argvClientSecret,
      `--db=postgres://orders:${s.urlPassword}@db.shop:5432/orders`,
      `api_key=${s.keyEquals}`,
      '--password-file=/run/secrets/db',
    ],
    env: [
      { name: 'DB_PASSWORD', value: s.envValue },
      { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
    ],
    readinessProbe: {
      httpGet: {
        path: `/ready?token=${s.probePathToken}`,
        port: 8080,
        httpHeaders: [
          { name: 'X-Api-Key', value: s.probeHeader },
          { name: 'Authorization', value: `Basic ${s.basicAuth}` },
          { name: 'Host', value: 'orders.shop.svc' },
        ],
      },
    },
    startupProbe: { exec: { command: ['sh', '-c', `curl -fsS -H "Authorization: Bearer ${s.bearer}" localhost:8080/started`] } },
    lifecycle: {
      postStart: { exec: { command: ['curl', '-u', `admin:${s.hookPassword}`, 'http://localhost:8080/warm'] } },
      preStop: { httpGet: { path: '/drain', port: 8080, httpHeaders: [{ name: 'X-Vault-Token', value: s.hookHeaderToken }] } },
    },
  });
  pod.spec.initContainers = [{ name: 'fetch-keys', image: 'alpine:3.20', command: ['sshpass', '-p', s.sshpassPassword, 'scp', 'keys@vault:/k', '/keys'] }];
  pod.spec.volumes = [
    { name: 'legacy', flexVolume: { driver: 'example.com/cifs', options: { username: 'svc', password: s.flexOption } } },
    { name: 'vault', csi: { driver: 'secrets-store.csi.k8s.io', volumeAttributes: { secretProviderClass: 'orders', clientSecret: s.csiAttribute } } },
  ];
  pod.status.containerStatuses[0]!.lastState.terminated.message = [
    `fatal: push to https://deploy:${s.termUrlPassword}@git.example.com/shop.git rejected`,
    `retrying with Authorization: Bearer ${s.termBearer}`,
    `GITHUB_TOKEN=${s.githubClassic} SLACK=${s.slackBot}`,
  ].join('\n');
  return pod;
}

/** The fixture's events plus three whose messages quote credentials. */
export function secretEvents(pod: Pod): Record<string, unknown> {
  const s = SECRETS;
  const events = fixture('events.yaml') as { items: Record<string, unknown>[] };
  const base = events.items[events.items.length - 1]!;
  const quoting = (reason: string, message: string) => ({ ...base, metadata: { ...(base.metadata as object), name: `${reason}.1` }, reason, type: 'Warning', message });
  events.items.push(
    quoting('Unhealthy', `Readiness probe failed: Get "http://10.0.3.142:8080/ready?token=${s.probePathToken}": Authorization: Bearer ${s.eventAuthorization} rejected`),
    quoting('FailedPostStartHook', `PostStartHook failed: curl -u admin:${s.hookPassword} ... AKIA${s.awsKeyIdTail} ${s.awsSecretKey} ASIA${s.awsSessionIdTail}`),
    quoting('BackOff', `image pull with ${s.gitlab} and key AIza${s.gcpApiKeyTail}, client GOCSPX-${s.gcpOauthSecretTail}, jwt ${JWT}`),
  );
  void pod;
  return events;
}

/** The crashed instance's log: the fixture's lines, then credentials after them. */
export function secretLog(): string {
  const s = SECRETS;
  return [
    readFileSync(join(FIXTURES, 'oom-killed-jvm', 'app.previous.log'), 'utf8').trimEnd(),
    `2026-11-20 10:41:30 WARN connecting with password ${s.proseHunter}`,
    `2026-11-20 10:41:30 WARN using apikey ${s.proseApiKey} for billing`,
    `2026-11-20 10:41:30 DEBUG config {"user":"orders","password":"${s.jsonValue}"} db_password: ${s.keyColon}`,
    `2026-11-20 10:41:30 DEBUG tokens ${s.githubOauth} ${s.githubServer} ${s.githubFineGrained} ${s.slackUser} ${s.npm} ${s.stripe} ${s.vault}`,
    `2026-11-20 10:41:30 DEBUG azure client_secret ${s.azureClientSecret} DefaultEndpointsProtocol=https;AccountName=orders;AccountKey=${s.azureAccountKey};EndpointSuffix=core.windows.net`,
    `2026-11-20 10:41:30 DEBUG GET https://orders.blob.core.windows.net/c?sv=2022-11-02&sig=${s.azureSasSig}&se=2026`,
    `2026-11-20 10:41:30 DEBUG > Cookie: session=${s.cookie}; theme=dark`,
    `2026-11-20 10:41:30 DEBUG X-Auth-Token: ${s.xAuthToken}`,
    `2026-11-20 10:41:30 DEBUG loaded key -----BEGIN RSA PRIVATE KEY-----`,
    PEM_BODY,
    '-----END RSA PRIVATE KEY-----',
    `2026-11-20 10:41:31 DEBUG upstream said ${JWT}`,
    '',
  ].join('\n');
}

/** The corpus as a replay folder: pod.json, events.json and app.previous.log. */
export async function writeSecretFolder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'podmortem-secrets-'));
  const pod = secretPod();
  await writeFile(join(dir, 'pod.json'), JSON.stringify(pod, null, 2));
  await writeFile(join(dir, 'events.json'), JSON.stringify(secretEvents(pod), null, 2));
  await writeFile(join(dir, 'app.previous.log'), secretLog());
  return dir;
}

/** Which planted secrets `text` still holds. */
export function leakedSecrets(text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => name);
}
