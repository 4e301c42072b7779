// Hostile evidence for the injection tests: every free-text field of a pod, its events, its
// node and its logs carries terminal escapes (ESC/CSI, OSC 52 clipboard writes, OSC 0 titles,
// clear-screen, C1 controls, BEL, bidi overrides, zero-width and tag characters) and Markdown /
// HTML that would render as something other than text.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Incident } from '../../src/model/incident.js';
import { FIXTURES } from '../helpers.js';

export const TERMINAL_ATTACK = [
  '\u001b[2J\u001b[H', // clear the screen
  '\u001b]52;c;b3duZWQ=\u0007', // OSC 52: write the clipboard
  '\u001b]0;owned\u0007', // OSC 0: set the window title
  '\u001b[8m', // SGR conceal: hides what follows
  '\u009b31m', // C1 CSI
  '\u009d0;c1-title\u009c', // C1 OSC ... ST
  '\u0007', // BEL
  '\u202e', // right-to-left override (Trojan source)
  '\u2066', // left-to-right isolate
  '\u200b', // zero-width space
  '\ufeff', // zero-width no-break space
  '\u007f', // DEL
  '\r', // carriage return: overwrite the line
  '\b', // backspace
  '\u0000', // NUL
  '\udb40\udc41', // tag character
  '\u2028', // line separator
].join('');

export const MARKDOWN_ATTACK = [
  ' `tick` ``` <img src=x onerror=alert(1)> [link](http://evil.example) ![img](http://evil.example/i.png)',
  ' | pipe | *em* _u_ https://evil.example/x www.evil.example a@evil.example &amp; $x$ ~~s~~ <!-- c -->',
  '\n# injected heading\n> quote\n1. list\n- item\n---\n<script>alert(1)</script>\n    indented code\n```\n## after a fence\n```',
].join('');

export const PAYLOAD = ` ${TERMINAL_ATTACK}${MARKDOWN_ATTACK}`;

/** Keys whose values rules and parsers read as vocabulary (reasons, phases, quantities, times): kept so the rules still fire. */
const STRUCTURAL = new Set([
  'apiVersion',
  'kind',
  'uid',
  'resourceVersion',
  'creationTimestamp',
  'firstTimestamp',
  'lastTimestamp',
  'eventTime',
  'startTime',
  'startedAt',
  'finishedAt',
  'lastTransitionTime',
  'lastProbeTime',
  'lastHeartbeatTime',
  'lastObservedTime',
  'deletionTimestamp',
  'phase',
  'type',
  'status',
  'reason',
  'restartPolicy',
  'qosClass',
  'scheme',
  'protocol',
  'imagePullPolicy',
  'dnsPolicy',
  'terminationMessagePolicy',
  'cpu',
  'memory',
  'ephemeral-storage',
  'pods',
  'operator',
  'effect',
  'key',
  'podIP',
  'hostIP',
  'ip',
  'containerID',
  'imageID',
  'capturedAt',
  'kind',
]);

function hostileValue(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (STRUCTURAL.has(key)) return value;
    // Keep the container a fieldPath names findable: the container's own name carries the payload too.
    const field = /^(spec\.(?:init|ephemeral)?[cC]ontainers)\{(.*)\}$/.exec(value);
    if (key === 'fieldPath' && field) return `${field[1]}{${field[2]}${PAYLOAD}}`;
    return `${value}${PAYLOAD}`;
  }
  if (Array.isArray(value)) return value.map((item) => hostileValue(item));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hostileValue(v, k)]));
  return value;
}

function readYaml(path: string): Record<string, unknown> {
  return parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

export interface HostileEvidence {
  readonly pod: Record<string, unknown>;
  readonly events: Record<string, unknown>;
  readonly node: Record<string, unknown>;
  readonly log: string;
  readonly container: string;
}

/** A fixture's evidence (pod, events, previous log of `container`) with the payload in every free-text field, names included. */
export function hostileEvidence(fixture = 'oom-killed-jvm', container = 'app'): HostileEvidence {
  const dir = join(FIXTURES, fixture);
  const pod = hostileValue(readYaml(join(dir, 'pod.yaml'))) as Record<string, unknown>;
  const events = hostileValue(readYaml(join(dir, 'events.yaml'))) as Record<string, unknown>;
  const nodeName = (pod.spec as { nodeName?: string }).nodeName ?? `node${PAYLOAD}`;
  const node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: nodeName, labels: { 'kubernetes.io/arch': `amd64${PAYLOAD}` } },
    status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: `kubelet is posting ready status${PAYLOAD}` }] },
  };
  const logFile = join(dir, `${container}.previous.log`);
  const log = (existsSync(logFile) ? readFileSync(logFile, 'utf8') : 'starting\nError: something failed\n')
    .split('\n')
    .map((line) => (line ? `${line}${PAYLOAD.replace(/\n/g, ' ')}` : line))
    .join('\n');
  return { pod, events, node, log, container: `${container}${PAYLOAD}` };
}

/** The evidence as a replay folder: pod.json, events.json, node.json and the container's previous log (file named after the plain name). */
export async function writeHostileFolder(evidence = hostileEvidence(), logName = 'app'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'podmortem-hostile-'));
  await writeFile(join(dir, 'pod.json'), JSON.stringify(evidence.pod));
  await writeFile(join(dir, 'events.json'), JSON.stringify(evidence.events));
  await writeFile(join(dir, 'node.json'), JSON.stringify(evidence.node));
  await writeFile(join(dir, `${logName}.previous.log`), evidence.log);
  return dir;
}

/** Raw control and invisible characters in `text`, apart from podmortem's own colour sequences. */
export function rawControls(text: string): string[] {
  const withoutOwnColours = text.replace(/\u001b\[(?:0|1|2|36|1;31|1;33|1;36)m/g, '');
  return [...withoutOwnColours.matchAll(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|\udb40[\udc00-\udc7f]/g)].map(
    (m) => `U+${m[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${m.index}: ${JSON.stringify(withoutOwnColours.slice(Math.max(0, m.index! - 30), m.index! + 10))}`,
  );
}

export type { Incident };
