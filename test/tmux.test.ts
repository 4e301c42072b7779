import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
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
    afterAll(() => {
      spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    });

    it.each([
      [80, 24],
      [200, 50],
    ])('at %ix%i: gallery, filter, open an OOMKilled pod, switch tabs, step a timeline, quit', async (columns, rows) => {
      const session = `ui-${columns}x${rows}`;
      start(session, columns, rows);
      let shown = await waitFor(session, / \d+ pods, \d+ unhealthy/);
      expectFits(shown, columns, rows);
      expect(shown).toMatch(columns >= 200 ? /NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE +ROOT CAUSE/ : /^NAME +STATUS +ROOT CAUSE/m);

      send(session, '/');
      type(session, 'oom');
      send(session, 'Enter');
      shown = await waitFor(session, /^\/oom {2}\d+ of \d+ pods/m);
      expect(shown).toContain('fraud-scorer');
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
      shown = await waitFor(session, 'app: previous instance (kubectl logs --previous)');
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
      let shown = await waitFor('resize', /NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE +ROOT CAUSE/);
      expectFits(shown, 200, 50);
      tmux('resize-window', '-t', 'resize', '-x', '80', '-y', '24');
      shown = await waitFor('resize', /^NAME +STATUS +ROOT CAUSE/m);
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
