// The readers added for issue 11's pastes run on untrusted text: quadrupling an adversarial input
// must about quadruple their time, not multiply it by sixteen (see test/support/linear-growth.ts
// for how that is timed on a loaded machine).
import { describe, expect, it } from 'vitest';
import { classifySchedulingMessage } from '../src/facts/classify-scheduling.js';
import { syncFailure } from '../src/facts/kubelet-events.js';
import type { PodEvent } from '../src/model/event.js';
import { readDescribedEvents } from '../src/sources/describe/described-event.js';
import { readEventsTable } from '../src/sources/describe/events-table.js';
import { readLoneMessages } from '../src/sources/describe/lone-messages.js';
import { joinWrappedYaml } from '../src/sources/describe/fragment-parse.js';
import { cleanPaste } from '../src/sources/describe/paste-lines.js';
import { looksLikeBareLog, readLogsCommand } from '../src/sources/describe/pasted-logs.js';
import { readPodRow } from '../src/sources/describe/get-pods-rows.js';
import { readWaitingLines } from '../src/sources/describe/waiting-lines.js';
import { eventWordsInFragments } from '../src/sources/describe/fragment-events.js';
import { matchSignatures } from '../src/facts/log-signatures.js';
import { unflatten } from '../src/sources/describe/unflatten.js';
import { growthRatio, LINEAR_BOUND } from './support/linear-growth.js';

/** The size the inputs start from; the helper grows them until a run can be timed. */
const SIZE = 4_000;

const line = (text: string) => [{ indent: 0, text, number: 1 }];
const event = (message: string): PodEvent => ({ type: 'Warning', reason: 'FailedSync', message, count: 1, firstTimestamp: null, lastTimestamp: null, involvedObject: { kind: 'Pod', name: 'x' }, source: '' });

/** Each reader, with an input that keeps almost matching. */
const CASES: Record<string, [(text: string) => unknown, (size: number) => string]> = {
  'a wide events row padded with spaces that never reaches its trailing columns': [(t) => readEventsTable(line(t)), (n) => `1s Normal Started pod/x spec.containers{a} kubelet m${' '.repeat(n)}x`],
  'a wide events row of words that never ends in a count': [(t) => readEventsTable(line(t)), (n) => `1s Normal Started pod/x kubelet ${'a 1s '.repeat(n / 5)}`],
  'a bare row whose message keeps looking like an age': [(t) => readEventsTable(line(t)), (n) => `Warning Failed ${'1m'.repeat(n / 2)} x`],
  'a flattened get events line of row starts': [(t) => unflatten(t), (n) => '1s Normal Started pod/x '.repeat(n / 24)],
  'an old scheduler message of node failures and padding': [(t) => classifySchedulingMessage(t), (n) => `pod (x) failed to fit in any node ${'fit failure on node (a): Insufficient cpu'.padEnd(60, ' ').repeat(n / 60)}`],
  'a predicate message with no closing bracket': [(t) => classifySchedulingMessage(t), (n) => `No nodes are available that match all of the predicates: ${'a'.repeat(n)}${' '.repeat(n)}(3`],
  'a FailedSync of quotes': [(t) => syncFailure(event(t)), (n) => `failed to "S" for "a" with B: ${'"'.repeat(n)}x`],
  'a get pods row of slashes': [(t) => readPodRow(t), (n) => `a ${'1/1 '.repeat(n / 4)}`],
  'a line of almost-messages, each a kubelet opening that never completes': [(t) => readLoneMessages(line(t)), (n) => `Warning ${'pod (x Liveness probe 1/2 nodes MountVolume.x Error: couldn\'t find key '.repeat(n / 64)}`],
  'a message opening after a run of digits and parentheses': [(t) => readLoneMessages(line(t)), (n) => `kubelet ${'1'.repeat(n)} pod (${'x'.repeat(n)} ${'(x1 over '.repeat(n / 9)}`],
  'lines that each continue the message before them': [(t) => readLoneMessages(t.split('\n').map((text, i) => ({ indent: 0, text, number: i + 1 }))), (n) => `Back-off pulling image "x"\n${'a\n'.repeat(n / 2)}`],
  'a quoted YAML value a chat client broke into many lines at the margin': [(t) => joinWrappedYaml(t.split('\n').map((text, i) => ({ indent: i === 0 ? 6 : 0, text, number: i + 1 }))), (n) => `message: 'x\n${"a''\n".repeat(n / 4)}`],
  'a working-directory prompt of many words that never reaches kubectl': [(t) => cleanPaste(t), (n) => `${'~/a b c kubectl '.repeat(n / 16)}\n`.repeat(4)],
  'program output with no command line whose lines nearly read as spoken': [(t) => looksLikeBareLog(t.split('\n').map((text, i) => ({ indent: 0, text, number: i + 1 }))), (n) => `connection refused\n${'we we we we '.repeat(n / 24)}\n`.repeat(2)],
  'a kubectl logs command line of many flags before its verb': [(t) => readLogsCommand(t), (n) => `${'-n x '.repeat(n / 5)}logs web-0`],
  'one line fenced on both sides': [(t) => cleanPaste(t), (n) => `\`\`\`${'a'.repeat(n)}\`\`\`\n`],
  'a described event of nested keys': [(t) => readDescribedEvents(t.split('\n').map((text, i) => ({ indent: i % 2 ? 2 : 0, text, number: i + 1 }))), (n) => `Involved Object:\n${'Kind: Pod\n'.repeat(n / 10)}`],
  'a bare row whose From column is followed by a run of padding': [(t) => readEventsTable(line(t)), (n) => `Warning Failed kubelet, node-1${' '.repeat(n)}x`],
  'lines that each open inline code and never close it': [(t) => cleanPaste(t), (n) => '`a\n'.repeat(n / 3)],
  'lines that each almost read as a waiting state': [(t) => readWaitingLines(t.split('\n').map((text, i) => ({ indent: 0, text, number: i + 1 }))), (n) => 'container "a" in pod "b" is waiting to start: Nope\nImagePullBackOff:x\n'.repeat(n / 70)],
  'event objects cut to a reason and a message that is no fixed text of it': [(t) => eventWordsInFragments(JSON.parse(t)), (n) => JSON.stringify(Array.from({ length: n / 60 }, () => ({ reason: 'Unhealthy', message: 'Readiness probe fail' })))],
};

describe('paste readers stay linear on adversarial input', () => {
  it.each(Object.entries(CASES))('%s', (_, [work, make]) => {
    expect(growthRatio(work, make, SIZE)).toBeLessThan(LINEAR_BOUND);
  });
});
