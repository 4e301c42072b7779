import type { V1Container, V1ContainerPort, V1ContainerState, V1ContainerStateTerminated, V1EnvFromSource, V1EnvVar, V1VolumeMount } from '@kubernetes/client-node';
import { apiTime } from './api-time.js';
import { describeTime } from './describe-time.js';
import { CONTAINER_KEYS, STATE_KEYS } from './describe-keys.js';
import { isDnsLabel, isEmptyValue, keyValue } from './key-value.js';
import { isCutLine, type PasteLine } from './paste-lines.js';
import { readProbeLine } from './probe-line.js';

/** The status half of a container as describe shows it. */
interface ContainerStatusDraft {
  containerID?: string;
  image?: string;
  imageID?: string;
  ready?: boolean;
  restartCount?: number;
  started?: boolean;
  state?: V1ContainerState;
  lastState?: V1ContainerState;
}

/** One container block; `name` is null when the paste started inside the block. */
export interface DescribedContainer {
  name: string | null;
  spec: Omit<V1Container, 'name'>;
  status: ContainerStatusDraft;
  /** Lines inside the block that could not be read. */
  unread: PasteLine[];
}

type Block = 'state' | 'lastState' | 'command' | 'args' | 'limits' | 'requests' | 'env' | 'envFrom' | 'mounts' | 'ignored' | 'other';

interface StateDraft {
  kind: string;
  fields: Map<string, string>;
}

/** Keys whose entries follow on the next lines. Devices and 1.1x's per-resource QoS say nothing about why a pod fails. */
const BLOCK_KEYS: Readonly<Record<string, Block>> = {
  Command: 'command',
  Args: 'args',
  Limits: 'limits',
  Requests: 'requests',
  Environment: 'env',
  'Environment Variables from': 'envFrom',
  Mounts: 'mounts',
  Devices: 'ignored',
  'QoS Tier': 'ignored',
};

const LIST_BLOCKS = new Set<Block>(['command', 'args', 'limits', 'requests', 'env', 'envFrom', 'mounts', 'ignored', 'other']);

function toState(draft: StateDraft): V1ContainerState | undefined {
  const get = (key: string) => draft.fields.get(key);
  const time = (key: string) => {
    const iso = describeTime(get(key) ?? '');
    return iso ? apiTime(iso) : undefined;
  };
  // A paste cut before the `State:` line still tells the state apart by its fields.
  const kind = draft.kind || (get('Exit Code') || get('Finished') ? 'terminated' : get('Reason') ? 'waiting' : get('Started') ? 'running' : '');
  const reason = get('Reason');
  const message = get('Message');
  switch (kind) {
    case 'waiting':
      return { waiting: { ...(reason ? { reason } : {}), ...(message ? { message } : {}) } };
    case 'running': {
      const startedAt = time('Started');
      return { running: startedAt ? { startedAt } : {} };
    }
    case 'terminated': {
      // A description cut after `Last State: Terminated` shows no exit code: unknown, never 0.
      const exitText = get('Exit Code');
      const exitCode = exitText !== undefined && /^-?\d{1,10}$/.test(exitText.trim()) ? Number(exitText) : Number.NaN;
      const signal = Number(get('Signal'));
      const startedAt = time('Started');
      const finishedAt = time('Finished');
      return {
        terminated: {
          ...(Number.isFinite(exitCode) ? { exitCode } : {}),
          ...(Number.isFinite(signal) && signal > 0 ? { signal } : {}),
          ...(reason ? { reason } : {}),
          ...(message ? { message } : {}),
          ...(startedAt ? { startedAt } : {}),
          ...(finishedAt ? { finishedAt } : {}),
        } as V1ContainerStateTerminated,
      };
    }
    default:
      return undefined;
  }
}

/** `8080/TCP`, `8080/TCP, 9090/UDP`, `8080/TCP (http)`. */
function readPorts(value: string): V1ContainerPort[] {
  const ports: V1ContainerPort[] = [];
  for (const match of value.matchAll(/(\d{1,5})\/([A-Za-z]{2,5})(?:\s+\(([\w-]{1,15})\))?/g)) {
    const containerPort = Number(match[1]);
    if (containerPort > 0) ports.push({ containerPort, protocol: match[2]?.toUpperCase() ?? 'TCP', ...(match[3] ? { name: match[3] } : {}) });
  }
  return ports;
}

/** `NAME: value` keeps the name only (values may be secrets); references keep where they point. */
function readEnvVar(name: string, value: string): V1EnvVar {
  const secret = /<set to the key '([^']*)' in secret '([^']*)'>(?:\s+Optional:\s*(true|false))?/.exec(value);
  if (secret) return { name, valueFrom: { secretKeyRef: { key: secret[1] ?? '', name: secret[2] ?? '', ...(secret[3] ? { optional: secret[3] === 'true' } : {}) } } };
  const configMap = /<set to the key '([^']*)' of config map '([^']*)'>(?:\s+Optional:\s*(true|false))?/.exec(value);
  if (configMap) return { name, valueFrom: { configMapKeyRef: { key: configMap[1] ?? '', name: configMap[2] ?? '', ...(configMap[3] ? { optional: configMap[3] === 'true' } : {}) } } };
  // `web-0 (v1:metadata.name)`: the resolved value, then the field it comes from.
  const field = /\((v1|[\w.-]+\/v\w+):([\w.\-[\]'"/]+)\)$/.exec(value);
  if (field) return { name, valueFrom: { fieldRef: { apiVersion: field[1] ?? 'v1', fieldPath: field[2] ?? '' } } };
  return { name };
}

/** `app-config  ConfigMap  Optional: false`, `creds  Secret with prefix 'DB_'  Optional: true`. */
function readEnvFrom(text: string): V1EnvFromSource | null {
  const match = /^(\S+)\s+(ConfigMap|Secret)(?:\s+with prefix '([^']*)')?(?:\s+Optional:\s*(true|false))?/.exec(text);
  if (!match?.[1]) return null;
  const ref = { name: match[1], ...(match[4] ? { optional: match[4] === 'true' } : {}) };
  return { ...(match[2] === 'Secret' ? { secretRef: ref } : { configMapRef: ref }), ...(match[3] ? { prefix: match[3] } : {}) };
}

/** `/data from data (rw)`, `/etc/app/cfg.yaml from cfg (ro,path="cfg.yaml")`. */
function readMount(text: string): V1VolumeMount | null {
  const match = /^(\S.{0,1000}?) from (\S+) \((ro|rw)(?:,path="([^"]*)")?\)/.exec(text);
  if (!match?.[1] || !match[2]) return null;
  return { mountPath: match[1], name: match[2], ...(match[3] === 'ro' ? { readOnly: true } : {}), ...(match[4] ? { subPath: match[4] } : {}) };
}

class ContainerReader {
  readonly container: DescribedContainer;
  private block: Block | null = null;
  private blockIndent = 0;
  private state: StateDraft | null = null;
  private lastState: StateDraft | null = null;
  private lastStateKey = '';

  constructor(name: string | null) {
    this.container = { name, spec: {}, status: {}, unread: [] };
  }

  /** Whether an indented line still belongs to the open list (Command items, env vars, ...). */
  insideList(line: PasteLine): boolean {
    return this.block !== null && LIST_BLOCKS.has(this.block) && line.indent > this.blockIndent;
  }

  read(line: PasteLine): void {
    const kv = keyValue(line.text);
    if (kv && CONTAINER_KEYS.has(kv.key) && !this.insideList(line)) {
      this.field(kv.key, kv.value, line);
      return;
    }
    if (kv && STATE_KEYS.has(kv.key) && !this.insideList(line)) {
      this.stateField(kv.key, kv.value);
      return;
    }
    this.listLine(line);
  }

  private open(block: Block, line: PasteLine): void {
    this.block = block;
    this.blockIndent = line.indent;
  }

  private field(key: string, value: string, line: PasteLine): void {
    const { spec, status } = this.container;
    const block = BLOCK_KEYS[key];
    this.open(block ?? 'other', line);
    // A hand-joined or flattened paste keeps a list's first entries on the key's line:
    // `Command:  java -jar app.jar`, `Environment:  FOO: bar`, `Limits:  cpu: 1 memory: 512Mi`,
    // `Mounts:  /data from data (rw)`.
    if ((block === 'env' || block === 'command' || block === 'args') && !isEmptyValue(value)) this.listLine({ ...line, text: value, indent: line.indent + 1 });
    if (block === 'mounts' && !isEmptyValue(value)) {
      for (const [mount] of value.matchAll(/\S+ from \S+ \((?:ro|rw)(?:,path="[^"]*")?\)/g)) this.listLine({ ...line, text: mount, indent: line.indent + 1 });
    }
    if ((block === 'limits' || block === 'requests') && !isEmptyValue(value)) {
      for (const [, name, quantity] of value.matchAll(/([\w./-]{1,253}):\s+(\S{1,64})/g)) this.listLine({ ...line, text: `${name}: ${quantity}`, indent: line.indent + 1 });
    }
    switch (key) {
      case 'Container ID':
        if (!isEmptyValue(value)) status.containerID = value;
        return;
      case 'Image':
        if (!isEmptyValue(value)) spec.image = status.image = value;
        return;
      case 'Image ID':
        if (!isEmptyValue(value)) status.imageID = value;
        return;
      case 'Port':
      case 'Ports': {
        const ports = readPorts(value);
        if (ports.length) spec.ports = ports;
        return;
      }
      case 'State':
      case 'Last State':
      case 'Last Termination State': {
        const draft: StateDraft = { kind: value.toLowerCase().split(/\s/)[0] ?? '', fields: new Map() };
        if (key === 'State') this.state = draft;
        else this.lastState = draft;
        this.open(key === 'State' ? 'state' : 'lastState', line);
        return;
      }
      case 'Ready':
        if (/^(true|false)$/i.test(value)) status.ready = value.toLowerCase() === 'true';
        return;
      case 'Restart Count':
        if (/^\d+$/.test(value)) status.restartCount = Number(value);
        return;
      case 'Restart Policy':
        if (!isEmptyValue(value)) spec.restartPolicy = value;
        return;
      case 'Liveness':
      case 'Readiness':
      case 'Startup': {
        const probe = readProbeLine(value);
        if (probe) spec[key === 'Liveness' ? 'livenessProbe' : key === 'Readiness' ? 'readinessProbe' : 'startupProbe'] = probe;
        return;
      }
    }
  }

  private stateField(key: string, value: string): void {
    if (key === 'Started' && /^(true|false)$/i.test(value)) {
      this.container.status.started = value.toLowerCase() === 'true';
      return;
    }
    if (this.block !== 'state' && this.block !== 'lastState') {
      // A paste that starts below `State:` (or was edited) still has the state's fields.
      if (!this.state && !this.lastState) this.state = { kind: '', fields: new Map() };
      this.block = this.lastState ? 'lastState' : 'state';
    }
    const draft = this.block === 'lastState' ? this.lastState : this.state;
    if (!draft) return;
    draft.fields.set(key, value);
    this.lastStateKey = key;
  }

  private listLine(line: PasteLine): void {
    const { spec } = this.container;
    const text = line.text;
    const kv = keyValue(text);
    switch (this.block) {
      case 'command':
        (spec.command ??= []).push(text);
        return;
      case 'args':
        (spec.args ??= []).push(text);
        return;
      case 'limits':
      case 'requests':
        if (kv && kv.value) {
          spec.resources ??= {};
          (spec.resources[this.block] ??= {})[kv.key] = kv.value;
          return;
        }
        break;
      case 'env': {
        // Several `NAME: value` pairs on one line come from a paste that lost its line breaks.
        const pairs = kv && /^[A-Z_][A-Z0-9_]*$/.test(kv.key) ? text.split(/\s+(?=[A-Z_][A-Z0-9_]{0,252}:\s)/) : [text];
        for (const pair of pairs) {
          const variable = keyValue(pair);
          if (variable && /^[^\s=]{1,253}$/.test(variable.key)) (spec.env ??= []).push(readEnvVar(variable.key, variable.value));
        }
        // Lines of a multi-line value are dropped with the value.
        return;
      }
      case 'envFrom': {
        const source = readEnvFrom(text);
        if (source) (spec.envFrom ??= []).push(source);
        return;
      }
      case 'mounts': {
        const mount = readMount(text);
        if (mount) {
          (spec.volumeMounts ??= []).push(mount);
          return;
        }
        if (isEmptyValue(text)) return;
        break;
      }
      case 'state':
      case 'lastState': {
        // Termination messages hold newlines (stack traces); their lines follow `Message:`.
        const draft = this.block === 'state' ? this.state : this.lastState;
        if (draft && this.lastStateKey === 'Message') {
          draft.fields.set('Message', `${draft.fields.get('Message') ?? ''}\n${text}`.trim());
          return;
        }
        break;
      }
      case 'ignored':
        return;
      case 'other':
        if (isEmptyValue(text)) return;
        break;
    }
    this.container.unread.push(line);
  }

  finish(): DescribedContainer {
    const state = this.state && toState(this.state);
    const lastState = this.lastState && toState(this.lastState);
    if (state) this.container.status.state = state;
    if (lastState) this.container.status.lastState = lastState;
    return this.container;
  }
}

/**
 * Reads the containers of a `Containers:` (or `Init Containers:`) section. A container opens at
 * its `name:` line; without indentation a bare DNS label with nothing after the colon still reads
 * as a name, since every key kubectl prints is capitalised.
 */
export function readContainerBlocks(lines: readonly PasteLine[]): DescribedContainer[] {
  const containers: DescribedContainer[] = [];
  let reader: ContainerReader | null = null;
  for (const line of lines) {
    if (!line.text || isCutLine(line)) continue;
    const kv = keyValue(line.text);
    const opensContainer = kv !== null && kv.value === '' && isDnsLabel(kv.key) && !(reader?.insideList(line) ?? false);
    if (opensContainer) {
      if (reader) containers.push(reader.finish());
      reader = new ContainerReader(kv.key);
      continue;
    }
    reader ??= new ContainerReader(null);
    reader.read(line);
  }
  if (reader) containers.push(reader.finish());
  return containers;
}
