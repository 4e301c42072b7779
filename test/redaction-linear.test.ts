// Redaction and neutralisation run on untrusted text, so none of their patterns may backtrack
// catastrophically: doubling an adversarial input must at most about double the time (a
// quadratic pattern quadruples it). Timed as a ratio, min of several runs, with a generous bound
// for a loaded 2-core machine.
import { describe, expect, it } from 'vitest';
import { markdownCode, markdownFence, markdownText } from '../src/report/markdown-escape.js';
import { terminalOutput } from '../src/report/terminal-output.js';
import { visibleControls } from '../src/report/visible-controls.js';
import { redactArgv, redactSecrets } from '../src/sources/redaction/redact-text.js';
import { growth as measureGrowth } from './support/linear-growth.js';

/** Large enough that the clock resolves the work, small enough for the suite. */
const SIZE = 100_000;
const growth = (work: (text: string) => unknown, make: (size: number) => string) => measureGrowth(work, make, SIZE);

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
    it(name, () => expect(growth(redactSecrets, make)).toBeLessThan(3));
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
    expect(growth(redactSecrets, make)).toBeLessThan(3);
  });

  it('as an argv of many items', () => {
    const make = (size: number) => Array.from({ length: size / 8 }, (_, i) => (i % 2 ? '--token' : 'sshpass')).join('\u0000');
    expect(growth((text) => redactArgv(text.split('\u0000')), make)).toBeLessThan(3);
  });
});

describe('neutralising and escaping are linear', () => {
  const hostile = repeat('\u001b]52;c;x\u0007\u009b`|<\n');
  it('visibleControls', () => expect(growth(visibleControls, hostile)).toBeLessThan(3));
  it('terminalOutput', () => expect(growth(terminalOutput, repeat('\u001b[1;31mx\u001b[0m\u001b]0;t\u0007'))).toBeLessThan(3));
  it('Markdown text, code spans and fences', () => {
    expect(growth(markdownText, hostile)).toBeLessThan(3);
    expect(growth(markdownCode, repeat('`` `'))).toBeLessThan(3);
    expect(growth((t) => markdownFence(t), repeat('```\n'))).toBeLessThan(3);
  });
});
