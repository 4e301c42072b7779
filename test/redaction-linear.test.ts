// Redaction and neutralisation run on untrusted text, so none of their patterns may backtrack
// catastrophically: quadrupling an adversarial input must about quadruple the time, not multiply
// it by sixteen (see test/support/linear-growth.ts for how that is timed on a loaded machine).
import { describe, expect, it } from 'vitest';
import { markdownCode, markdownFence, markdownText } from '../src/report/markdown-escape.js';
import { terminalOutput } from '../src/report/terminal-output.js';
import { visibleControls } from '../src/report/visible-controls.js';
import { redactArgv, redactSecrets } from '../src/sources/redaction/redact-text.js';
import { growthRatio, LINEAR_BOUND } from './support/linear-growth.js';

/** Time ratio of an input GROWTH_FACTOR times larger; about that factor for linear work, its square for quadratic. */
function growth(work: (text: string) => unknown, make: (size: number) => string, size = 100_000): number {
  return growthRatio(work, make, size);
}

const repeat = (piece: string) => (size: number) => piece.repeat(Math.ceil(size / piece.length)).slice(0, size);
/** A word that gets the text past redaction's quick check, so every pattern runs on the rest. */
const triggered = (make: (size: number) => string) => (size: number) => `token ${make(size)}`;

/** Prefixes of every pattern, repeated without ever completing one. */
const ADVERSARIAL: Record<string, (size: number) => string> = {
  'unclosed quoted value after a secret name': repeat('password="'),
  'secret names with no value': repeat('token= '),
  'flag names with no value': repeat('--token '),
  'quoted flag value never closed': repeat('--token "'),
  'PEM begin lines without an end': repeat('-----BEGIN RSA PRIVATE KEY-----\n'),
  'PEM begin lines that end': repeat('-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----\n'),
  'PEM-like capitals': (size) => `-----BEGIN ${'A '.repeat(size / 2)}`,
  'JWT heads that never finish': repeat('eyJhbGciOi.eyJ'),
  'URL schemes with a user and no host': repeat('a://b:'),
  'URL password running to no @': (size) => `x://user:${'p'.repeat(size)}`,
  'dotted words (scheme starts everywhere)': triggered(repeat('a.')),
  'Authorization headers without a credential': repeat('Authorization: '),
  'bearer words': repeat('bearer '),
  'basic words with base64': repeat('Basic QUJD '),
  'AKIA runs': (size) => `AKIA${'A'.repeat(size)}`,
  'backslashes in a JSON secret': (size) => `"password": "${'\\'.repeat(size)}`,
  'GitHub prefix runs': repeat('ghp_ghp_'),
  'Azure-like tildes': repeat('abc1Q~'),
  'mysql with unclosed quoted -p': (size) => `mysql ${'-p"'.repeat(size / 3)}`,
  'curl users without passwords': (size) => `curl ${'-u a: '.repeat(size / 6)}`,
  'key words before separators far away': (size) => `api key${' '.repeat(size)}: x`,
  'whitespace runs': triggered((size) => ' \t'.repeat(size / 2)),
  'a word with no boundary': triggered((size) => 'x'.repeat(size)),
};

describe('redaction is linear on adversarial text', () => {
  for (const [name, make] of Object.entries(ADVERSARIAL)) {
    it(name, () => expect(growth(redactSecrets, make)).toBeLessThan(LINEAR_BOUND));
  }

  it('on a seeded mix of every pattern fragment', () => {
    // No PEM header: an unclosed one swallows the rest in one linear step and hides the others.
    const fragments = ['password', '=', '"', ':', '//', '@', 'eyJ', '.', 'ghp_', 'a', '1', ' ', '\n', '--token', 'Bearer ', 'AKIA', 'xoxb-', '-p', 'mysql ', 'curl -u ', '\\', "'", 'Q~', 'key', 'sig='];
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const make = (size: number) => {
      seed = 42;
      let out = '';
      while (out.length < size) out += fragments[Math.floor(random() * fragments.length)];
      return out;
    };
    expect(growth(redactSecrets, make)).toBeLessThan(LINEAR_BOUND);
  });

  it('as an argv of many items', () => {
    const make = (size: number) => Array.from({ length: size / 8 }, (_, i) => (i % 2 ? '--token' : 'sshpass')).join('\u0000');
    expect(growth((text) => redactArgv(text.split('\u0000')), make)).toBeLessThan(LINEAR_BOUND);
  });
});

describe('neutralising and escaping are linear', () => {
  const hostile = repeat('\u001b]52;c;x\u0007\u009b`|<\n');
  it('visibleControls', () => expect(growth(visibleControls, hostile)).toBeLessThan(LINEAR_BOUND));
  it('terminalOutput', () => expect(growth(terminalOutput, repeat('\u001b[1;31mx\u001b[0m\u001b]0;t\u0007'))).toBeLessThan(LINEAR_BOUND));
  it('Markdown text, code spans and fences', () => {
    expect(growth(markdownText, hostile)).toBeLessThan(LINEAR_BOUND);
    // One long run of spaces with a line break only at its end: a `\s*\n\s*` join rescanned it from every position.
    expect(growth(markdownText, (size: number) => `${' '.repeat(size)}x\n`)).toBeLessThan(LINEAR_BOUND);
    expect(growth(markdownCode, repeat('`` `'))).toBeLessThan(LINEAR_BOUND);
    // The same run in a code span (a container name, a command), which joined lines on its own.
    expect(growth(markdownCode, (size: number) => `${' '.repeat(size)}x\n`)).toBeLessThan(LINEAR_BOUND);
    expect(growth((t) => markdownFence(t), repeat('```\n'))).toBeLessThan(LINEAR_BOUND);
  });
});

describe('redaction survives runs longer than the regex engine can backtrack over', () => {
  // V8's regex engine keeps a backtrack stack: an unbounded quantifier over a run of several
  // million matching characters overflows it ("Maximum call stack size exceeded"), so every
  // quantifier in a secret shape is bounded by the longest real secret of its kind.
  const RUN = 8_000_000;
  const prefixes = ['ghp_', 'glpat-', 'xoxb-', 'AIza', 'hvs.', 'npm_', 'sk_live_', 'eyJ', 'Bearer ', 'Basic ', 'Authorization: ', 'Cookie: ', 'password=', '--token ', 'token is ', '-----BEGIN RSA PRIVATE KEY-----\n'];
  it.each(prefixes)('a run of millions of characters after %j', (prefix) => {
    const text = `${prefix}${'a1'.repeat(RUN / 2)}`;
    const redacted = redactSecrets(text);
    expect(redacted.length).toBeGreaterThan(0);
  });
  it('a run of one GitHub prefix repeated for megabytes', () => {
    expect(() => redactSecrets('ghp_'.repeat(RUN / 4))).not.toThrow();
  });
});
