import { describe, expect, it } from 'vitest';
import type { V1Pod } from '@kubernetes/client-node';
import { redactSecrets, REDACTED } from '../src/sources/redaction/redact-text.js';
import { scrubPod } from '../src/sources/redaction/scrub-pod.js';

describe('redactSecrets', () => {
  it('redacts private key blocks, including one the tail cut off', () => {
    const text = 'loading key\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nabc\n-----END RSA PRIVATE KEY-----\nstarted';
    expect(redactSecrets(text)).toBe(`loading key\n-----BEGIN RSA PRIVATE KEY----- ${REDACTED} -----END RSA PRIVATE KEY-----\nstarted`);
    const cut = redactSecrets('oops\n-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEF');
    expect(cut).not.toContain('MIIEvQ');
    expect(cut).toContain('oops');
  });

  it('keeps the Authorization header name and scheme, not the credential', () => {
    expect(redactSecrets('> Authorization: Bearer abc.def-123')).toBe(`> Authorization: Bearer ${REDACTED}`);
    expect(redactSecrets('headers={"authorization": "Basic dXNlcjpwYXNz"}')).toBe(`headers={"authorization": "Basic ${REDACTED}"}`);
    expect(redactSecrets('Proxy-Authorization: s3cr3tvalue')).toBe(`Proxy-Authorization: ${REDACTED}`);
  });

  it('redacts bearer tokens anywhere but leaves prose about them', () => {
    expect(redactSecrets('calling api with bearer 9f8e7d6c5b4a3210 now')).toBe(`calling api with bearer ${REDACTED} now`);
    expect(redactSecrets('error: invalid bearer token')).toBe('error: invalid bearer token');
  });

  it('redacts JSON web tokens such as service-account tokens', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQifQ.c2lnbmF0dXJlLXBhcnQ';
    expect(redactSecrets(`token was ${jwt} (expired)`)).toBe(`token was ${REDACTED} (expired)`);
  });

  it('keeps the user of a URL with a password, not the password', () => {
    expect(redactSecrets('connecting to postgres://orders:hunter2@db.shop:5432/orders')).toBe(`connecting to postgres://orders:${REDACTED}@db.shop:5432/orders`);
    expect(redactSecrets('GET https://example.com/path?q=1')).toBe('GET https://example.com/path?q=1');
  });

  it('redacts AWS access key ids and secret access keys', () => {
    expect(redactSecrets('using key AKIAIOSFODNN7EXAMPLE for s3')).toBe(`using key AKIA${REDACTED} for s3`);
    expect(redactSecrets('aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(`aws_secret_access_key = ${REDACTED}`);
    expect(redactSecrets('AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY')).toBe(`AWS_SECRET_ACCESS_KEY=${REDACTED}`);
  });

  it('redacts password=, token= and secret= pairs in any common spelling', () => {
    expect(redactSecrets('login user=bob password=hunter2 ok')).toBe(`login user=bob password=${REDACTED} ok`);
    expect(redactSecrets('DB_PASSWORD="p@ss word"')).toBe(`DB_PASSWORD="${REDACTED}"`);
    expect(redactSecrets('{"token":"abc123","user":"x"}')).toBe(`{"token":"${REDACTED}","user":"x"}`);
    expect(redactSecrets('client_secret: s3cr3t')).toBe(`client_secret: ${REDACTED}`);
    expect(redactSecrets('?api_key=XYZ&page=2')).toBe(`?api_key=${REDACTED}&page=2`);
  });

  it('leaves the lines that explain a crash alone', () => {
    const crash = [
      'Exception in thread "main" java.lang.OutOfMemoryError: Java heap space',
      'Error: secret "db-creds" not found',
      'listen tcp :8080: bind: address already in use',
    ].join('\n');
    expect(redactSecrets(crash)).toBe(crash);
  });
});

describe('scrubPod', () => {
  const pod: V1Pod = {
    metadata: {
      name: 'api',
      annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"spec":{"containers":[{"env":[{"name":"DB_PASSWORD","value":"hunter2"}]}]}}', team: 'shop' },
      managedFields: [{ manager: 'kubectl' }],
    },
    spec: {
      containers: [
        {
          name: 'app',
          image: 'api:1',
          args: ['--db=postgres://api:hunter2@db:5432/api', '--verbose'],
          env: [
            { name: 'DB_PASSWORD', value: 'hunter2' },
            { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
          ],
        },
      ],
      initContainers: [{ name: 'migrate', image: 'api:1', env: [{ name: 'PASSWORD', value: 'hunter2' }] }],
    },
  };

  it('drops literal env values and keeps names and valueFrom references', () => {
    const scrubbed = scrubPod(pod);
    expect(scrubbed.spec?.containers[0]?.env).toEqual([{ name: 'DB_PASSWORD' }, { name: 'API_TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } }]);
    expect(scrubbed.spec?.initContainers?.[0]?.env).toEqual([{ name: 'PASSWORD' }]);
    expect(JSON.stringify(scrubbed)).not.toContain('hunter2');
  });

  it('drops the last-applied manifest and managedFields, redacts annotations not known to be safe, and does not touch its input', () => {
    const scrubbed = scrubPod(pod);
    expect(scrubbed.metadata?.annotations).toEqual({ team: REDACTED });
    expect(scrubbed.metadata?.managedFields).toBeUndefined();
    expect(scrubbed.spec?.containers[0]?.args).toEqual([`--db=postgres://api:${REDACTED}@db:5432/api`, '--verbose']);
    expect(pod.spec?.containers[0]?.env?.[0]?.value).toBe('hunter2');
  });
});
