import type { V1Container, V1ContainerState, V1ContainerStatus, V1Pod, V1Probe, V1Volume } from '@kubernetes/client-node';
import type { PodEvent } from '../model/event.js';
import { humanDuration } from './human-duration.js';
import { alignTabs } from './tab-writer.js';

/**
 * What `kubectl describe pod` (1.3x) prints for a pod and its events at a given moment: the same
 * keys, order, `<none>` markers, probe and toleration formats, event ages and tabwriter alignment.
 * The UI's describe view shows it, so an on-call engineer sees the pod in the layout they know;
 * tests turn fixtures into the text users paste with it. Pure: the caller makes the text safe for
 * where it goes (the UI neutralises controls where it builds its entries).
 */
export function renderDescribe(pod: V1Pod, events: readonly PodEvent[], capturedAt: string): string {
  const now = Date.parse(capturedAt);
  const out: string[] = [];
  const w = (level: number, text: string) => out.push(`${'  '.repeat(level)}${text}`);
  const { metadata = {}, spec, status = {} } = pod;

  w(0, `Name:\t${metadata.name ?? ''}`);
  w(0, `Namespace:\t${metadata.namespace ?? 'default'}`);
  if (spec?.priority !== undefined) w(0, `Priority:\t${spec.priority}`);
  if (spec?.priorityClassName) w(0, `Priority Class Name:\t${spec.priorityClassName}`);
  if (spec?.runtimeClassName) w(0, `Runtime Class Name:\t${spec.runtimeClassName}`);
  if (spec?.serviceAccountName) w(0, `Service Account:\t${spec.serviceAccountName}`);
  w(0, spec?.nodeName ? `Node:\t${spec.nodeName}/${status.hostIP ?? ''}` : 'Node:\t<none>');
  if (status.startTime) w(0, `Start Time:\t${rfc1123z(status.startTime)}`);
  multiline(out, 'Labels', Object.entries(metadata.labels ?? {}).sort().map(([k, v]) => `${k}=${v}`));
  multiline(
    out,
    'Annotations',
    Object.entries(metadata.annotations ?? {})
      .filter(([k]) => k !== 'kubectl.kubernetes.io/last-applied-configuration')
      .sort()
      .map(([k, v]) => `${k}: ${v}`),
  );
  const phase = status.phase ?? '';
  if (metadata.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') {
    w(0, `Status:\tTerminating (lasts ${since(now, metadata.deletionTimestamp)})`);
    w(0, `Termination Grace Period:\t${metadata.deletionGracePeriodSeconds ?? 30}s`);
  } else {
    w(0, `Status:\t${phase}`);
  }
  if (status.reason) w(0, `Reason:\t${status.reason}`);
  if (status.message) w(0, `Message:\t${status.message}`);
  w(0, `IP:\t${status.podIP ?? ''}`);
  if (!status.podIPs?.length) w(0, 'IPs:\t<none>');
  else {
    w(0, 'IPs:');
    for (const ip of status.podIPs) w(1, `IP:\t${ip.ip}`);
  }
  const controller = metadata.ownerReferences?.find((o) => o.controller);
  if (controller) w(0, `Controlled By:\t${controller.kind}/${controller.name}`);
  if (status.nominatedNodeName) w(0, `NominatedNodeName:\t${status.nominatedNodeName}`);
  if (spec?.initContainers?.length) containers(out, 'Init Containers', spec.initContainers, status.initContainerStatuses ?? []);
  containers(out, 'Containers', spec?.containers ?? [], status.containerStatuses ?? []);
  if (status.conditions?.length) {
    w(0, 'Conditions:');
    w(1, 'Type\tStatus');
    for (const c of status.conditions) w(1, `${c.type} \t${c.status} `);
  }
  volumes(out, spec?.volumes ?? []);
  w(0, `QoS Class:\t${status.qosClass ?? qosClass(pod)}`);
  multiline(out, 'Node-Selectors', Object.entries(spec?.nodeSelector ?? {}).sort().map(([k, v]) => `${k}=${v}`));
  multiline(
    out,
    'Tolerations',
    [...(spec?.tolerations ?? [])].sort((a, b) => (a.key ?? '').localeCompare(b.key ?? '')).map((t) => {
      let text = t.key ?? '';
      if (t.value) text += `=${t.value}`;
      if (t.effect) text += `:${t.effect}`;
      if (t.operator === 'Exists' && !t.value) text += t.key || t.effect ? ' op=Exists' : 'op=Exists';
      if (t.tolerationSeconds !== undefined) text += ` for ${t.tolerationSeconds}s`;
      return text;
    }),
  );
  // kubectl flushes the tabwriter before the events table, so it aligns on its own.
  return `${alignTabs(out.join('\n'))}\n${alignTabs(eventsTable(events, now).join('\n'))}\n`;
}

/** Go's zero time, which kubectl prints for a timestamp the status does not carry. */
const ZERO_TIME = 'Mon, 01 Jan 0001 00:00:00 +0000';

function rfc1123z(value: Date | string | undefined): string {
  const d = value === undefined ? new Date(NaN) : new Date(value);
  if (!Number.isFinite(d.getTime())) return ZERO_TIME;
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${two(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

function since(now: number, value: Date | string | null | undefined): string {
  const t = value ? new Date(value).getTime() : NaN;
  return Number.isFinite(t) && t > 0 ? humanDuration(Math.floor((now - t) / 1000)) : '<unknown>';
}

/** `Title:  first` then one entry per line under it, or `<none>`. */
function multiline(out: string[], title: string, entries: string[]): void {
  if (entries.length === 0) {
    out.push(`${title}:\t<none>`);
    return;
  }
  entries.forEach((entry, i) => out.push(i === 0 ? `${title}:\t${entry}` : `\t${entry}`));
}

function probe(p: V1Probe): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const port = String(p.httpGet.port ?? '');
    const host = p.httpGet.host ?? '';
    const hostPort = port ? (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`) : host;
    return `http-get ${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${hostPort}${p.httpGet.path ?? ''} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${String(p.tcpSocket.port)} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function state(out: string[], name: string, s: V1ContainerState | undefined): void {
  if (s?.running) {
    out.push(`    ${name}:\tRunning`);
    out.push(`      Started:\t${rfc1123z(s.running.startedAt)}`);
  } else if (s?.terminated) {
    const t = s.terminated;
    out.push(`    ${name}:\tTerminated`);
    if (t.reason) out.push(`      Reason:\t${t.reason}`);
    if (t.message) out.push(`      Message:\t${t.message}`);
    out.push(`      Exit Code:\t${t.exitCode}`);
    if (t.signal) out.push(`      Signal:\t${t.signal}`);
    out.push(`      Started:\t${rfc1123z(t.startedAt)}`);
    out.push(`      Finished:\t${rfc1123z(t.finishedAt)}`);
  } else {
    out.push(`    ${name}:\tWaiting`);
    if (s?.waiting?.reason) out.push(`      Reason:\t${s.waiting.reason}`);
  }
}

function containers(out: string[], label: string, list: readonly V1Container[], statuses: readonly V1ContainerStatus[]): void {
  out.push(`${label}:`);
  for (const c of list) {
    const status = statuses.find((s) => s.name === c.name);
    out.push(`  ${c.name}:`);
    if (status) out.push(`    Container ID:\t${status.containerID ?? ''}`);
    out.push(`    Image:\t${c.image ?? ''}`);
    if (status) out.push(`    Image ID:\t${status.imageID ?? ''}`);
    const ports = (c.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}`).join(', ');
    out.push(ports.includes(',') ? `    Ports:\t${ports}` : `    Port:\t${ports || '<none>'}`);
    const hostPorts = (c.ports ?? []).map((p) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
    out.push(hostPorts.includes(',') ? `    Host Ports:\t${hostPorts}` : `    Host Port:\t${hostPorts || '<none>'}`);
    if (c.command?.length) {
      out.push('    Command:');
      for (const part of c.command) for (const line of part.split('\n')) out.push(`      ${line}`);
    }
    if (c.args?.length) {
      out.push('    Args:');
      for (const part of c.args) for (const line of part.split('\n')) out.push(`      ${line}`);
    }
    if (status) {
      state(out, 'State', status.state);
      if (status.lastState?.terminated) state(out, 'Last State', status.lastState);
      out.push(`    Ready:\t${status.ready ? 'True' : 'False'}`);
      out.push(`    Restart Count:\t${status.restartCount ?? 0}`);
    }
    for (const kind of ['limits', 'requests'] as const) {
      const resources = Object.entries(c.resources?.[kind] ?? {}).sort();
      if (resources.length) out.push(`    ${kind === 'limits' ? 'Limits' : 'Requests'}:`);
      for (const [name, quantity] of resources) out.push(`      ${name}:\t${String(quantity)}`);
    }
    if (c.livenessProbe) out.push(`    Liveness:\t${probe(c.livenessProbe)}`);
    if (c.readinessProbe) out.push(`    Readiness:\t${probe(c.readinessProbe)}`);
    if (c.startupProbe) out.push(`    Startup:\t${probe(c.startupProbe)}`);
    if (c.envFrom?.length) {
      out.push('    Environment Variables from:');
      for (const e of c.envFrom) {
        const ref = e.configMapRef ?? e.secretRef;
        const from = e.configMapRef ? 'ConfigMap' : 'Secret';
        out.push(`      ${ref?.name ?? ''}\t${from}${e.prefix ? ` with prefix '${e.prefix}'` : ''}\tOptional: ${ref?.optional ?? false}`);
      }
    }
    out.push(c.env?.length ? '    Environment:' : '    Environment:\t<none>');
    for (const e of c.env ?? []) {
      const from = e.valueFrom;
      if (!from) {
        (e.value ?? '').split('\n').forEach((line, i) => out.push(i === 0 ? `      ${e.name}:\t${line}` : `      \t${line}`));
      } else if (from.fieldRef) out.push(`      ${e.name}:\t (${from.fieldRef.apiVersion ?? 'v1'}:${from.fieldRef.fieldPath})`);
      else if (from.resourceFieldRef) out.push(`      ${e.name}:\t (${from.resourceFieldRef.resource})`);
      else if (from.secretKeyRef) out.push(`      ${e.name}:\t<set to the key '${from.secretKeyRef.key}' in secret '${from.secretKeyRef.name}'>\tOptional: ${from.secretKeyRef.optional ?? false}`);
      else if (from.configMapKeyRef) out.push(`      ${e.name}:\t<set to the key '${from.configMapKeyRef.key}' of config map '${from.configMapKeyRef.name}'>\tOptional: ${from.configMapKeyRef.optional ?? false}`);
    }
    const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => a.mountPath.localeCompare(b.mountPath));
    out.push(mounts.length ? '    Mounts:' : '    Mounts:\t<none>');
    for (const m of mounts) out.push(`      ${m.mountPath} from ${m.name} (${[m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path="${m.subPath}"`] : [])].join(',')})`);
  }
}

function volumes(out: string[], list: readonly V1Volume[]): void {
  if (list.length === 0) {
    out.push('Volumes:\t<none>');
    return;
  }
  out.push('Volumes:');
  for (const v of list) {
    out.push(`  ${v.name}:`);
    if (v.hostPath) out.push('    Type:\tHostPath (bare host directory volume)', `    Path:\t${v.hostPath.path}`, `    HostPathType:\t${v.hostPath.type ?? ''}`);
    else if (v.emptyDir) out.push("    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)", `    Medium:\t${v.emptyDir.medium ?? ''}`, `    SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}`);
    else if (v.secret) out.push('    Type:\tSecret (a volume populated by a Secret)', `    SecretName:\t${v.secret.secretName ?? ''}`, `    Optional:\t${v.secret.optional ?? false}`);
    else if (v.configMap) out.push('    Type:\tConfigMap (a volume populated by a ConfigMap)', `    Name:\t${v.configMap.name ?? ''}`, `    Optional:\t${v.configMap.optional ?? false}`);
    else if (v.persistentVolumeClaim) out.push('    Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', `    ClaimName:\t${v.persistentVolumeClaim.claimName}`, `    ReadOnly:\t${v.persistentVolumeClaim.readOnly ?? false}`);
    else if (v.projected) {
      out.push('    Type:\tProjected (a volume that contains injected data from multiple sources)');
      for (const s of v.projected.sources ?? []) {
        if (s.serviceAccountToken) out.push(`    TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 3607}`);
        if (s.configMap) out.push(`    ConfigMapName:\t${s.configMap.name ?? ''}`, `    ConfigMapOptional:\t${s.configMap.optional ?? '<nil>'}`);
        if (s.secret) out.push(`    SecretName:\t${s.secret.name ?? ''}`, `    SecretOptionalName:\t${s.secret.optional ?? '<nil>'}`);
        if (s.downwardAPI) out.push('    DownwardAPI:\ttrue');
      }
    } else out.push('  <unknown>');
  }
}

/** Kubernetes' QoS classes from requests and limits, for pods whose status does not record one. */
function qosClass(pod: V1Pod): string {
  const all = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  const resources = all.map((c) => c.resources ?? {});
  if (resources.every((r) => !Object.keys(r.requests ?? {}).length && !Object.keys(r.limits ?? {}).length)) return 'BestEffort';
  const guaranteed = resources.every(
    (r) => ['cpu', 'memory'].every((k) => r.limits?.[k] !== undefined && (r.requests?.[k] ?? r.limits[k]) === r.limits[k]),
  );
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function eventsTable(events: readonly PodEvent[], now: number): string[] {
  if (events.length === 0) return ['Events:\t<none>'];
  const rows = ['Events:', '  Type\tReason\tAge\tFrom\tMessage', '  ----\t------\t----\t----\t-------'];
  // kubectl sorts by last time; an event without one sorts first instead of scrambling the order.
  const time = (e: PodEvent) => Date.parse(e.lastTimestamp ?? e.firstTimestamp ?? '') || 0;
  const sorted = [...events].sort((a, b) => time(a) - time(b));
  for (const e of sorted) {
    const first = since(now, e.firstTimestamp);
    const age = e.count > 1 ? `${since(now, e.lastTimestamp)} (x${e.count} over ${first})` : first;
    rows.push(`  ${e.type}\t${e.reason}\t${age}\t${e.source}\t${e.message.trim()}`);
  }
  return rows;
}
