/**
 * Credentials recognisable by their shape alone, wherever they appear in a text. Each keeps
 * enough around the secret to read the line (the provider's prefix, the header name and scheme,
 * the URL's user) and replaces only the secret with `[REDACTED]`. Every pattern runs on
 * untrusted text, so each is linear: no nested quantifiers that can overlap, and every scan
 * that could run to the end of the text is bounded or consumed by its match.
 */
export const REDACTED = '[REDACTED]';

export interface SecretShape {
  readonly name: string;
  readonly pattern: RegExp;
  readonly replace: (match: string, ...groups: string[]) => string;
  /** A text holding the secret, and the secret itself: the tests walk these. */
  readonly example: { readonly text: string; readonly secret: string };
}

const redacted = () => REDACTED;
/** Keeps a token's provider prefix (`ghp_`, `xoxb-`) so the reader knows what was there. */
const keepPrefix = (_m: string, prefix: string) => `${prefix}${REDACTED}`;

/** `Basic xxx` is only a credential when the base64 decodes to `user:password`. */
function isBasicCredential(encoded: string): boolean {
  const decoded = Buffer.from(encoded, 'base64').toString('latin1');
  return /^[\x20-\x7e]+:[\x20-\x7e]*$/.test(decoded);
}

export const SECRET_SHAPES: readonly SecretShape[] = [
  {
    name: 'private key block (PEM, OpenSSH, PGP)',
    pattern: /-----BEGIN ((?:[A-Z0-9]{1,32} ){0,8})PRIVATE KEY( BLOCK)?-----(?:[\s\S]{0,65536}?-----END \1PRIVATE KEY\2-----|[A-Za-z0-9+/=\s:.,-]{0,65536})/g,
    replace: (_m, kind = '', block = '') => `-----BEGIN ${kind}PRIVATE KEY${block}----- ${REDACTED} -----END ${kind}PRIVATE KEY${block}-----`,
    example: { text: 'key:\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7x\n-----END RSA PRIVATE KEY-----', secret: 'MIIEowIBAAKCAQEA7x' },
  },
  {
    name: 'GitHub token (ghp_, gho_, ghu_, ghs_, ghr_, github_pat_)',
    pattern: /\b(gh[pousr]_|github_pat_)[A-Za-z0-9_]{20,1024}/g,
    replace: keepPrefix,
    example: { text: 'git clone https://ghp_R8sTuVwXyZ0123456789abcdefABCDEF1234@github.com/o/r', secret: 'R8sTuVwXyZ0123456789abcdefABCDEF1234' },
  },
  {
    name: 'GitLab token (glpat-, gldt-, glrt-, glptt-, glft-, glsoat-, glcbt-)',
    pattern: /\b(gl(?:pat|dt|rt|ptt|ft|soat|cbt)-)[A-Za-z0-9_-]{20,1024}/g,
    replace: keepPrefix,
    example: { text: 'PRIVATE_TOKEN glpat-Xy7Zq2Wv9Ut4Sr1Pq6No', secret: 'Xy7Zq2Wv9Ut4Sr1Pq6No' },
  },
  {
    name: 'Slack token (xoxb-, xoxp-, xoxa-, xoxr-, xoxs-, xoxo-, xapp-)',
    pattern: /\b(xox[abposr]-|xapp-)[A-Za-z0-9-]{10,1024}/g,
    replace: keepPrefix,
    example: { text: 'slack client init xoxb-1234567890-0987654321-AbCdEfGhIjKl', secret: '1234567890-0987654321-AbCdEfGhIjKl' },
  },
  {
    name: 'Slack webhook URL',
    pattern: /\b(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_/-]{1,1024}/g,
    replace: keepPrefix,
    example: { text: 'posting to https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX', secret: 'T000/B000/XXXXXXXXXXXXXXXX' },
  },
  {
    name: 'AWS access key id with its secret access key',
    pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b([\s"',:;=|]{1,10})[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    replace: (_m, prefix, separator) => `${prefix}${REDACTED}${separator}${REDACTED}`,
    example: { text: 'creds AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
  },
  {
    name: 'AWS access key id (AKIA, ASIA)',
    pattern: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g,
    replace: keepPrefix,
    example: { text: 'using key AKIAIOSFODNN7EXAMPLE for s3', secret: 'IOSFODNN7EXAMPLE' },
  },
  {
    name: 'Google API key (AIza), OAuth client secret (GOCSPX-), access token (ya29.)',
    pattern: /\b(AIza|GOCSPX-|ya29\.)[A-Za-z0-9_-]{20,4096}/g,
    replace: keepPrefix,
    example: { text: 'maps?key=AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv', secret: 'SyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUv' },
  },
  {
    name: 'Azure AD client secret (…Q~…)',
    pattern: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,40}(?![A-Za-z0-9_~.-])/g,
    replace: redacted,
    example: { text: 'AZURE client secret abc8Q~Zx9vT.pQ2rS-tU4wX_yZ6aB8cD0eF1gH3i used', secret: 'abc8Q~Zx9vT.pQ2rS-tU4wX_yZ6aB8cD0eF1gH3i' },
  },
  {
    name: 'HashiCorp Vault token (hvs., hvb., hvr.)',
    pattern: /\b(hv[sbr]\.)[A-Za-z0-9_-]{20,1024}/g,
    replace: keepPrefix,
    example: { text: 'vault login hvs.CAESIJ3kLmNoPqRsTuVwXyZ0123456789abc', secret: 'CAESIJ3kLmNoPqRsTuVwXyZ0123456789abc' },
  },
  {
    name: 'npm token (npm_)',
    pattern: /\b(npm_)[A-Za-z0-9]{30,1024}/g,
    replace: keepPrefix,
    example: { text: '//registry.npmjs.org/:_authToken npm_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8', secret: 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8' },
  },
  {
    name: 'Stripe key (sk_live_, rk_live_, sk_test_)',
    pattern: /\b((?:sk|rk)_(?:live|test)_)[A-Za-z0-9]{16,1024}/g,
    replace: keepPrefix,
    example: { text: 'charging with sk_live_51Hc8x2eZvKYlo2C0123456789', secret: '51Hc8x2eZvKYlo2C0123456789' },
  },
  {
    name: 'JSON web token (eyJ….eyJ….…)',
    pattern: /\beyJ[A-Za-z0-9_-]{5,16384}\.eyJ[A-Za-z0-9_-]{5,16384}\.[A-Za-z0-9_-]{0,16384}/g,
    replace: redacted,
    example: {
      text: 'token was eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2lnbmF0dXJlLXBhcnQ (expired)',
      secret: 'eyJzdWIiOiJzeXN0ZW06c2EifQ',
    },
  },
  {
    name: 'password in a URL (scheme://user:password@host)',
    // The password runs to the last @ of the authority (raw @ in passwords is common); the
    // authority ends at /, ? or #, so a port and path are never taken for a password.
    pattern: /\b([a-z][a-z0-9+.-]{0,30}:\/\/)([^\s:/?#@"'<>`]{1,256}):([^\s/?#"'<>`]{1,1024})@/gi,
    replace: (_m, scheme, user) => `${scheme}${user}:${REDACTED}@`,
    example: { text: 'connecting to postgres://orders:hunt@er2@db.shop:5432/orders', secret: 'hunt@er2' },
  },
  {
    name: 'Authorization / Proxy-Authorization header',
    pattern: /\b((?:proxy-)?authorization)(["']?\s{0,8}[:=]\s{0,8}["']?)(?:(bearer|basic|digest|negotiate|token|aws4-hmac-sha256|splunk|apikey)\s{1,64})?[^\s"',;]{1,16384}/gi,
    replace: (_m, header, separator, scheme) => `${header}${separator}${scheme ? `${scheme} ` : ''}${REDACTED}`,
    example: { text: 'httpHeaders Authorization: Basic dXNlcjpodW50ZXIy', secret: 'dXNlcjpodW50ZXIy' },
  },
  {
    name: 'Cookie / Set-Cookie header',
    pattern: /\b((?:set-)?cookie)(["']?\s{0,8}:\s{0,8})[^\r\n"']{1,16384}/gi,
    replace: (_m, header, separator) => `${header}${separator}${REDACTED}`,
    example: { text: '> Cookie: session=7f3a9c2e1b; theme=dark', secret: '7f3a9c2e1b' },
  },
  {
    name: 'bearer token',
    // A token has a digit or is long, so prose like "bearer token" stays readable.
    pattern: /\b(bearer)\s{1,64}(?:(?=[\w\-.~+/]{0,16384}\d)[\w\-.~+/]{8,16384}|[\w\-.~+/]{20,16384})={0,4}/gi,
    replace: (_m, word) => `${word} ${REDACTED}`,
    example: { text: 'calling api with bearer 9f8e7d6c5b4a3210 now', secret: '9f8e7d6c5b4a3210' },
  },
  {
    name: 'basic-auth credential (Basic base64(user:password))',
    pattern: /\b(basic)\s{1,64}([A-Za-z0-9+/]{8,16384}={0,2})(?![A-Za-z0-9+/=])/gi,
    replace: (match, word, encoded) => (isBasicCredential(encoded) ? `${word} ${REDACTED}` : match),
    example: { text: 'curl -H "X-Auth: Basic YWRtaW46aHVudGVyMg=="', secret: 'YWRtaW46aHVudGVyMg==' },
  },
];
