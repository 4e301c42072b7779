/**
 * Redaction of credentials in text podmortem keeps from a cluster (container logs, command
 * lines), applied before anything is diagnosed, printed or written to a bundle. Each pattern
 * keeps enough context to read the line (the header name, the URL's user, the key's name) and
 * replaces only the secret with `[REDACTED]`:
 *
 * - private key blocks: `-----BEGIN ... PRIVATE KEY-----` up to its END line (or the end of the
 *   text when the tail cut it off);
 * - `Authorization:` / `Proxy-Authorization:` headers: the credential after the scheme;
 * - bearer tokens anywhere: `Bearer <token>` (a token has a digit or 20+ characters);
 * - JSON Web Tokens (`eyJ...`.`eyJ...`.`...`), e.g. service-account tokens;
 * - passwords in URLs: `scheme://user:password@host` keeps the user;
 * - AWS access key ids (`AKIA...`, `ASIA...`);
 * - `key=value` / `key: value` / `"key": "value"` pairs whose key names a password, passwd,
 *   pwd, secret, token, api key, access key or private key (`DB_PASSWORD=...`,
 *   `aws_secret_access_key = ...`, `"token":"..."`).
 */
export const REDACTED = '[REDACTED]';

interface RedactionPattern {
  readonly name: string;
  readonly pattern: RegExp;
  readonly replace: (match: string, ...groups: string[]) => string;
}

const SECRET_KEY = String.raw`[A-Za-z0-9_.-]*(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key)[A-Za-z0-9_.-]*`;

export const REDACTION_PATTERNS: readonly RedactionPattern[] = [
  {
    name: 'private key block',
    pattern: /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(?:-----END \1PRIVATE KEY-----|$(?![\s\S]))/g,
    replace: (_m, kind) => `-----BEGIN ${kind}PRIVATE KEY----- ${REDACTED} -----END ${kind}PRIVATE KEY-----`,
  },
  {
    name: 'authorization header',
    pattern: /\b((?:proxy-)?authorization)(["']?\s*[:=]\s*["']?)(?:(bearer|basic|digest|negotiate|token|aws4-hmac-sha256)\s+)?[^\s"',;]+/gi,
    replace: (_m, header, separator, scheme) => `${header}${separator}${scheme ? `${scheme} ` : ''}${REDACTED}`,
  },
  {
    name: 'bearer token',
    // A token has a digit or is long, so prose like "bearer token" stays readable.
    pattern: /\b(bearer)\s+(?:(?=[\w\-.~+/]*\d)[\w\-.~+/]{8,}|[\w\-.~+/]{20,})=*/gi,
    replace: (_m, word) => `${word} ${REDACTED}`,
  },
  {
    name: 'JSON web token',
    pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/g,
    replace: () => REDACTED,
  },
  {
    name: 'password in URL',
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]+):([^\s/@]+)@/gi,
    replace: (_m, scheme, user) => `${scheme}${user}:${REDACTED}@`,
  },
  {
    name: 'AWS access key id',
    pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
    replace: () => REDACTED,
  },
  {
    name: 'secret key-value pair',
    pattern: new RegExp(String.raw`(["']?\b${SECRET_KEY}["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,;&]+)`, 'gi'),
    replace: (_m, prefix, value) => {
      if (value.includes(REDACTED)) return `${prefix}${value}`;
      const quote = value.startsWith('"') || value.startsWith("'") ? value[0] : '';
      return `${prefix}${quote}${REDACTED}${quote}`;
    },
  },
];

/** The text with every credential pattern above replaced by `[REDACTED]`. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const { pattern, replace } of REDACTION_PATTERNS) out = out.replace(pattern, replace as (substring: string, ...args: unknown[]) => string);
  return out;
}
