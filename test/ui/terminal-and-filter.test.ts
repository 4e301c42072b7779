import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { podEntry, type PodEntry } from '../../src/ui/model/pod-entry.js';
import { filterEntries, parseFilter } from '../../src/ui/model/pod-filter.js';
import { completePrompt, parsePrompt, promptCompletions } from '../../src/ui/model/prompt-command.js';
import { clipboardSequence, osc52, tmuxPassthrough } from '../../src/ui/terminal/clipboard-sequence.js';
import { frameDiff, frameLines } from '../../src/ui/terminal/frame-diff.js';
import { FrameScreen } from '../../src/ui/terminal/frame-screen.js';
import { builtInDiagnoser } from '../helpers.js';
import { healthyPod, oomKilledPod } from './ui-incidents.js';

describe('frame diff', () => {
  const screen = Array.from({ length: 24 }, (_, i) => `row ${i} ${'x'.repeat(60)}`);

  it('paints the first frame whole after clearing, and never writes below the last row', () => {
    const bytes = frameDiff(null, frameLines([...screen, 'one too many'].join('\n'), 24), 24);
    expect(bytes.startsWith('\u001B[H\u001B[2J')).toBe(true);
    expect(bytes).toContain('\u001B[24;1H');
    expect(bytes).not.toContain('\u001B[25;1H');
    expect(bytes).not.toContain('one too many');
  });

  it('sends only the lines that changed, each addressed and erased, a small fraction of the screen', () => {
    const next = [...screen];
    next[3] = 'row 3 moved';
    next[4] = `\u001B[7mrow 4 selected\u001B[27m`;
    const bytes = frameDiff(screen, next, 24);
    expect(bytes).toBe('\u001B[4;1H\u001B[2Krow 3 moved\u001B[5;1H\u001B[2K\u001B[7mrow 4 selected\u001B[27m\u001B[0m');
    expect(bytes.length).toBeLessThan(screen.join('\n').length / 10);
    expect(frameDiff(screen, screen, 24)).toBe('');
  });

  it('erases lines a shorter frame no longer has', () => {
    expect(frameDiff(['a', 'b', 'c'], ['a'], 24)).toBe('\u001B[2;1H\u001B[2K\u001B[3;1H\u001B[2K');
  });

  it('the frame screen coalesces a burst of frames into one update and repaints whole after a resize', async () => {
    const terminal = Object.assign(new EventEmitter(), { columns: 80, rows: 24, written: [] as string[], write(data: string) { this.written.push(data); return true; } });
    const frames = new FrameScreen(terminal);
    frames.write('a\nb');
    frames.write('a\nc');
    await new Promise((resolve) => setImmediate(resolve));
    expect(terminal.written).toHaveLength(1);
    expect(terminal.written[0]).toContain('c');
    expect(terminal.written[0]).not.toContain('b');
    frames.write('a\nd');
    await new Promise((resolve) => setImmediate(resolve));
    expect(terminal.written[1]).toBe('\u001B[?2026h\u001B[2;1H\u001B[2Kd\u001B[?2026l');
    terminal.emit('resize');
    frames.write('a\nd');
    frames.flush();
    expect(terminal.written[2]).toContain('\u001B[2J');
    frames.close();
    frames.write('late');
    frames.flush();
    expect(terminal.written).toHaveLength(3);
  });
});

describe('the clipboard sequence', () => {
  it('is OSC 52 with the text in base64, and inside tmux also wrapped for passthrough with every ESC doubled', () => {
    const command = 'kubectl logs web-0 -n shop --previous';
    const plain = osc52(command);
    expect(plain).toBe(`\u001B]52;c;${Buffer.from(command).toString('base64')}\u0007`);
    expect(clipboardSequence(command, {})).toBe(plain);
    expect(tmuxPassthrough(plain)).toBe(`\u001BPtmux;\u001B\u001B]52;c;${Buffer.from(command).toString('base64')}\u0007\u001B\\`);
    expect(clipboardSequence(command, { TMUX: '/tmp/tmux-0/default,1,0' })).toBe(plain + tmuxPassthrough(plain));
  });
});

describe('the / filter', async () => {
  const diagnoser = await builtInDiagnoser();
  const entry = async (incident: ReturnType<typeof healthyPod>): Promise<PodEntry> => podEntry([incident], await diagnoser.diagnose(incident));
  const oom = await entry(oomKilledPod());
  const other = await entry(oomKilledPod('orders-api-x', 'billing'));
  const web = await entry(healthyPod('web-a'));
  const room: PodEntry = { ...web, key: 'shop/pending', search: { ...web.search, name: 'pending', titles: ["no node has room for the pod's requests"], titleWords: ['no', 'node', 'has', 'room', 'for', 'the', 'pod', 's', 'requests'] } };
  const all = [oom, other, web, room];
  const kept = (query: string) => filterEntries(all, parseFilter(query)).map((e) => e.key);

  it('a plain word matches names, statuses, ids and the start of title words, never the middle of a word', () => {
    expect(kept('oom')).toEqual(['shop/orders-api-6d8f7c9b54-q7xkz', 'billing/orders-api-x']);
    expect(kept('OOMKILLED')).toEqual(['shop/orders-api-6d8f7c9b54-q7xkz', 'billing/orders-api-x']);
    expect(kept('room')).toEqual(['shop/pending']);
    expect(kept('web')).toEqual(['shop/web-a']);
  });

  it('ns/name, fields, regexes and negation', () => {
    expect(kept('shop/orders')).toEqual(['shop/orders-api-6d8f7c9b54-q7xkz']);
    expect(kept('bil/')).toEqual(['billing/orders-api-x']);
    expect(kept('ns:billing')).toEqual(['billing/orders-api-x']);
    expect(kept('cause:oom-limit')).toEqual(['shop/orders-api-6d8f7c9b54-q7xkz', 'billing/orders-api-x']);
    expect(kept('sev:crit')).toEqual(['shop/orders-api-6d8f7c9b54-q7xkz', 'billing/orders-api-x']);
    expect(kept('^web-|^pend')).toEqual(['shop/web-a', 'shop/pending']);
    expect(kept('x$')).toEqual(['billing/orders-api-x']);
    expect(kept('orders !billing')).toEqual(['shop/orders-api-6d8f7c9b54-q7xkz']);
  });

  it('a regex that does not compile is matched as text and said so', () => {
    const filter = parseFilter('orders(');
    expect(filter.problem).toMatch(/^orders\(: .*; matched as text$/);
    expect(filterEntries(all, filter)).toEqual([]);
  });
});

describe('the : command line', () => {
  it('reads ns, ctx, sort, pods and quit, and says what exists when it does not know a word', () => {
    expect(parsePrompt('ns shop')).toEqual({ kind: 'namespace', namespace: 'shop' });
    expect(parsePrompt('namespace all')).toEqual({ kind: 'namespace', namespace: null });
    expect(parsePrompt('ns')).toEqual({ kind: 'pickNamespace' });
    expect(parsePrompt('ctx prod-eu')).toEqual({ kind: 'context', context: 'prod-eu' });
    expect(parsePrompt('sort name')).toEqual({ kind: 'sort', column: 'name', reversed: false });
    expect(parsePrompt('sort re reverse')).toEqual({ kind: 'sort', column: 'restarts', reversed: true });
    expect(parsePrompt('sort na')).toMatchObject({ kind: 'error' });
    expect(parsePrompt('q')).toEqual({ kind: 'quit' });
    expect(parsePrompt('pods')).toEqual({ kind: 'pods' });
    expect(parsePrompt('deploy')).toMatchObject({ kind: 'error', message: expect.stringContaining(':ns NAME|all') });
    expect(parsePrompt('ns a b')).toMatchObject({ kind: 'error' });
  });

  it('completes command words and names', () => {
    expect(completePrompt('na', promptCompletions('na', { namespaces: [], contexts: [] }))).toBe('namespace');
    expect(completePrompt('ns sh', promptCompletions('ns sh', { namespaces: ['shop', 'shipping'], contexts: [] }))).toBe('ns sh');
    expect(completePrompt('ns sho', promptCompletions('ns sho', { namespaces: ['shop', 'shipping'], contexts: [] }))).toBe('ns shop ');
    expect(completePrompt('ctx st', promptCompletions('ctx st', { namespaces: [], contexts: ['prod', 'staging'] }))).toBe('ctx staging ');
  });
});
