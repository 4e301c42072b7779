import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT } from './helpers.js';

/**
 * Drives the real binary in a real terminal (tmux) the way a person would: open the gallery,
 * filter, open an OOMKilled pod, switch tabs, step a timeline, quit. Asserts on what the screen
 * shows (capture-pane), at 80x24 and at 200x50.
 */
const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `podmortem-test-${process.pid}`;
const DEADLINE_MS = 15000;

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, ...args], { encoding: 'utf8' });
}

/** Starts `podmortem gallery` in its own session; the shell reports the exit code after the UI closes. */
function start(session: string, columns: number, rows: number, env = ''): void {
  const command = `cd ${ROOT} && env -u CI -u CONTINUOUS_INTEGRATION TERM=xterm-256color ${env} node ${CLI} gallery; echo "exited $?"; sleep 60`;
  tmux('new-session', '-d', '-s', session, '-x', String(columns), '-y', String(rows), command);
}

function screen(session: string, escapes = false): string {
  return tmux('capture-pane', '-p', ...(escapes ? ['-e'] : []), '-t', session);
}

/** Polls the screen until it shows `text`, failing with the last screen after the deadline. */
async function waitFor(session: string, text: string | RegExp): Promise<string> {
  const deadline = Date.now() + DEADLINE_MS;
  let last = '';
  while (Date.now() < deadline) {
    last = screen(session);
    if (typeof text === 'string' ? last.includes(text) : text.test(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`screen never showed ${String(text)}; last screen:\n${last}`);
}

function send(session: string, ...keys: string[]): void {
  tmux('send-keys', '-t', session, ...keys);
}

function type(session: string, text: string): void {
  tmux('send-keys', '-t', session, '-l', text);
}

/** Moves the list selection from the top down until the line under the table names `pod`. */
async function select(session: string, pod: string): Promise<void> {
  send(session, 'g');
  await waitFor(session, /^1\/\d+ {2}/m);
  for (let row = 1; row < 60; row++) {
    const position = /^(\d+)\/(\d+) {2}(\S+)/m.exec(screen(session));
    if (position?.[3] === pod) return;
    if (!position || position[1] === position[2]) break;
    send(session, 'j');
    await waitFor(session, new RegExp(`^${row + 1}/\\d+ {2}`, 'm'));
  }
  throw new Error(`could not select ${pod}:\n${screen(session)}`);
}

function expectFits(shown: string, columns: number, rows: number): void {
  const lines = shown.replace(/\n$/, '').split('\n');
  expect(lines.length).toBeLessThanOrEqual(rows);
  for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns);
}

if (!hasTmux) {
  describe('terminal UI in tmux', () => {
    it.skip('skipped: tmux is not installed, so the end-to-end UI test cannot run (install tmux to run it)', () => undefined);
  });
} else {
  describe('terminal UI in tmux', () => {
    beforeAll(() => {
      if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first with npx tsc -p .`);
    });
    const captures = mkdtempSync(join(tmpdir(), 'podmortem-tmux-'));
    afterAll(() => {
      spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
      rmSync(captures, { recursive: true, force: true });
    });

    /** Records every byte the program writes to its pane from now on. */
    function record(session: string): string {
      const file = join(captures, `${session}.bin`);
      tmux('pipe-pane', '-t', session, '-o', `cat > ${file}`);
      return file;
    }
    const bytesIn = (file: string) => (existsSync(file) ? statSync(file).size : 0);

    /** Bytes the program wrote for one key, once the screen shows its effect and the output has settled. */
    async function bytesFor(session: string, file: string, key: string, shows: RegExp): Promise<number> {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = bytesIn(file);
      send(session, key);
      await waitFor(session, shows);
      let size = bytesIn(file);
      for (let settled = 0; settled < 4; ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        const now = bytesIn(file);
        settled = now === size ? settled + 1 : 0;
        size = now;
      }
      return size - before;
    }

    it.each([
      [80, 24],
      [200, 50],
    ])('at %ix%i: sort, filter, copy a command (OSC 52), describe, YAML, logs toggle, print a command on exit', async (columns, rows) => {
      const session = `keys-${columns}x${rows}`;
      start(session, columns, rows);
      tmux('set-option', '-s', 'set-clipboard', 'on');
      let shown = await waitFor(session, / \d+ pods, (\d+) unhealthy/);
      expect(shown).toContain('sort severity↓');
      expect(shown).toMatch(/SEV↓ +ROOT CAUSE/);
      send(session, 's');
      shown = await waitFor(session, 'sort restarts↓');
      expectFits(shown, columns, rows);
      send(session, 'S');
      await waitFor(session, 'sort restarts↑');
      type(session, ':sort severity');
      send(session, 'Enter');
      await waitFor(session, 'sort severity↓');

      // A single match opens directly on Enter.
      send(session, '/');
      type(session, 'shop/orders-api-6d8f7c9b54-q7xkz');
      send(session, 'Enter');
      shown = await waitFor(session, /1 Findings/);
      expect(shown).toMatch(/^orders-api-6d8f7c9b54-q7xkz/m);
      // Commands are one line each, never broken, marked where they continue.
      for (const line of shown.split('\n').filter((l) => /^\s+\$ /.test(l))) expect(line.length).toBeLessThanOrEqual(columns);

      const file = record(session);
      send(session, 'c');
      shown = await waitFor(session, 'copied (OSC 52): kubectl logs orders-api-6d8f7c9b54-q7xkz');
      const command = 'kubectl logs orders-api-6d8f7c9b54-q7xkz -n shop -c app --previous --tail=100';
      const base64 = Buffer.from(command).toString('base64');
      await new Promise((resolve) => setTimeout(resolve, 300));
      const written = readFileSync(file, 'latin1');
      // Inside tmux both forms go out: plain OSC 52 (tmux keeps it with set-clipboard on) and the passthrough.
      expect(written).toContain(`\u001b]52;c;${base64}\u0007`);
      expect(written).toContain(`\u001bPtmux;\u001b\u001b]52;c;${base64}\u0007\u001b\\`);
      expect(tmux('show-buffer')).toBe(command);

      send(session, 'd');
      shown = await waitFor(session, 'kubectl describe pod, as of');
      expect(shown).toMatch(/^Name: +orders-api-6d8f7c9b54-q7xkz/m);
      expectFits(shown, columns, rows);
      send(session, 'y');
      shown = await waitFor(session, /^kind: Pod$/m);
      expectFits(shown, columns, rows);
      send(session, 'l');
      await waitFor(session, 'previous instance (kubectl logs --previous)');
      send(session, 'p');
      shown = await waitFor(session, /current instance \(kubectl logs\)/);
      expectFits(shown, columns, rows);
      send(session, 'p');
      await waitFor(session, 'previous instance (kubectl logs --previous)');

      // P quits and prints the selected command where the shell can capture it.
      send(session, '1');
      await waitFor(session, 'Root cause');
      send(session, 'n', 'P');
      shown = await waitFor(session, 'exited 0');
      expect(shown).toContain('kubectl top pod orders-api-6d8f7c9b54-q7xkz -n shop --containers\nexited 0');
    }, 120000);

    it('at 80x24 a selection move sends a few hundred bytes, not the whole screen', async () => {
      const session = 'bytes';
      start(session, 80, 24);
      await waitFor(session, / \d+ pods/);
      const file = record(session);
      const moves: number[] = [];
      for (let row = 2; row <= 5; row++) moves.push(await bytesFor(session, file, 'j', new RegExp(`^${row}/\\d+ {2}`, 'm')));
      for (const bytes of moves) expect(bytes).toBeLessThan(1024);
      // No key press clears the screen.
      expect(readFileSync(file, 'latin1')).not.toContain('\u001b[2J');
      // Opening a pod changes most of the screen; it is still one frame, not a clear and a repaint.
      const open = await bytesFor(session, file, 'Enter', /1 Findings/);
      expect(open).toBeLessThan(4096);
      send(session, 'q');
      await waitFor(session, 'exited 0');
    }, 60000);

    it.each([
      [80, 24],
      [200, 50],
    ])('at %ix%i: gallery, filter, open an OOMKilled pod, switch tabs, step a timeline, quit', async (columns, rows) => {
      const session = `ui-${columns}x${rows}`;
      start(session, columns, rows);
      let shown = await waitFor(session, / \d+ pods, \d+ unhealthy/);
      expectFits(shown, columns, rows);
      expect(shown).toMatch(columns >= 200 ? /NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE +OWNER +SEV↓ +ROOT CAUSE/ : /^NAME +STATUS +SEV↓ +ROOT CAUSE/m);

      send(session, '/');
      type(session, 'oom');
      send(session, 'Enter');
      shown = await waitFor(session, /^\/oom {2}\d+ of \d+ pods/m);
      expect(shown).toContain('fraud-sc');
      expect(shown).toMatch(/orders-api.*q7xkz/);

      await select(session, 'shop/orders-api-6d8f7c9b54-q7xkz');
      send(session, 'Enter');
      shown = await waitFor(session, '1 Findings');
      expect(shown).toMatch(/^CRITICAL .*OOMKilled/m);
      expect(shown).toContain('Root cause');
      expectFits(shown, columns, rows);

      send(session, '3');
      shown = await waitFor(session, /AGE +TYPE +REASON/);
      expect(shown).toMatch(/Warning +BackOff/);
      send(session, 'Tab');
      shown = await waitFor(session, 'previous instance (kubectl logs --previous)');
      send(session, 'Escape');
      await waitFor(session, /^\/oom/m);

      await select(session, 'payments/fraud-scorer-5c8d7f6b94-m2w7r');
      send(session, 'Enter');
      await waitFor(session, 'snapshot 5/5  2026-11-24 14:31:20Z  latest');
      send(session, '[');
      shown = await waitFor(session, 'snapshot 4/5');
      expect(await waitFor(session, 'since previous: status Running → CrashLoopBackOff')).toContain('snapshot 4/5');
      send(session, 'Left');
      shown = await waitFor(session, 'snapshot 3/5');
      expectFits(shown, columns, rows);

      send(session, 'q');
      shown = await waitFor(session, 'exited 0');
      // The alternate screen is gone: the terminal shows what it showed before.
      expect(shown).not.toContain('podmortem gallery');
    }, 120000);

    it('follows terminal resizes', async () => {
      start('resize', 80, 24);
      await waitFor('resize', / \d+ pods/);
      tmux('resize-window', '-t', 'resize', '-x', '200', '-y', '50');
      let shown = await waitFor('resize', /NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE +OWNER +SEV↓ +ROOT CAUSE/);
      expectFits(shown, 200, 50);
      tmux('resize-window', '-t', 'resize', '-x', '80', '-y', '24');
      shown = await waitFor('resize', /^NAME +STATUS +SEV↓ +ROOT CAUSE/m);
      expectFits(shown, 80, 24);
      expect(shown).toMatch(/^Enter open/m);
      send('resize', 'q');
      await waitFor('resize', 'exited 0');
    }, 60000);

    it('uses colour for severity, and none with NO_COLOR', async () => {
      start('color', 100, 30);
      await waitFor('color', / \d+ pods/);
      const sgrColour = /\u001B\[(?:\d+;)*3[1-7](?:;\d+)*m/;
      expect(screen('color', true)).toMatch(sgrColour);
      send('color', 'q');
      start('plain', 100, 30, 'NO_COLOR=1');
      await waitFor('plain', / \d+ pods/);
      expect(screen('plain', true)).not.toMatch(sgrColour);
      // Ctrl-C leaves as cleanly as q.
      send('plain', 'C-c');
      await waitFor('plain', 'exited 0');
    }, 60000);
  });
}
