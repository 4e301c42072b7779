/**
 * Whether a name (an env-style key, a JSON or YAML key, a command-line flag, an HTTP header, an
 * annotation or option key) names a secret value. The last word of the name decides, so
 * `DB_PASSWORD`, `clientSecret`, `--api-key` and `X-Auth-Token` name secrets while
 * `password_file`, `secretName`, `tokenTTL` and `secretKeyRef` name something about one (a path,
 * a reference, a lifetime), whose value is worth keeping.
 */

/** Words that, last in a name, make it a secret's name. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'passcode',
  'secret',
  'token',
  'apikey',
  'credential',
  'credentials',
  'creds',
  'cookie',
  'jwt',
  'bearer',
  'auth',
  'authorization',
  'signature',
  'privatekey',
  'secretkey',
  'accesskey',
]);

/** Run-together spellings (`dbpassword`, `mysqlrootpassword`, `csrftoken`) end in one of these. */
const SECRET_SUFFIXES = ['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'accesskey', 'secretkey', 'privatekey', 'credentials'];

/** `key` alone is too common (`key=user:42`, a toleration's key); after one of these it is a secret's. */
const KEY_QUALIFIERS = new Set([
  'api',
  'access',
  'secret',
  'private',
  'auth',
  'encryption',
  'signing',
  'master',
  'client',
  'account',
  'storage',
  'shared',
  'subscription',
  'license',
  'webhook',
  'hmac',
  'ssh',
]);

/** The lower-case words of a name: `aws_secret_access_key`, `clientSecret`, `X-Api-Key`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word && !/^\d+$/.test(word));
}

function classify(name: string, queryKey: boolean): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1]?.replace(/\d+$/, '');
  if (!last) return false;
  if (SECRET_WORDS.has(last)) return true;
  if (queryKey && last === 'sig') return true;
  if (last === 'key') return KEY_QUALIFIERS.has(words[words.length - 2] ?? '');
  return SECRET_SUFFIXES.some((suffix) => last.length > suffix.length && last.endsWith(suffix));
}

/** Object keys repeat across every pod (`name`, `image`, `mountPath`): each is classified once. */
const known = new Map<string, boolean>();
const KNOWN_LIMIT = 10_000;

/**
 * True when `name` names a secret. `sig` counts only as a URL query key (`&sig=`, Azure SAS),
 * which the caller says with `queryKey`.
 */
export function isSecretName(name: string, queryKey = false): boolean {
  const memoKey = queryKey ? `?${name}` : name;
  let secret = known.get(memoKey);
  if (secret === undefined) {
    secret = classify(name, queryKey);
    // Untrusted keys are unbounded; a full memo starts over rather than growing.
    if (known.size >= KNOWN_LIMIT) known.clear();
    known.set(memoKey, secret);
  }
  return secret;
}
