import type { V1Container, V1Pod, V1PodSpec } from '@kubernetes/client-node';
import { isPlaceholder } from '../../model/placeholders.js';
import type { KubeObjects } from '../kube-object-set.js';

/*
 * A manifest pasted beside the pods it made (`cat job.yml`, then `kubectl get pods`): its pod
 * template says what the rows cannot (the containers' names, commands, limits and probes, the
 * restart policy). It is what the person wrote, not what the API server holds, so it only fills
 * in what the other pieces do not show, and the note says where it came from.
 */

/** A workload's pod template as pasted, and how its pods are named. */
export interface PastedTemplate {
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
  readonly spec: V1PodSpec;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Where each kind keeps its pod template's spec. */
const TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** The pod templates of the workload manifests among parsed pieces of YAML or JSON. */
export function templatesIn(values: readonly unknown[]): PastedTemplate[] {
  return values.flatMap((value) => {
    if (!isObject(value) || typeof value.kind !== 'string') return [];
    const path = TEMPLATE_PATHS[value.kind];
    const metadata = isObject(value.metadata) ? value.metadata : {};
    if (!path || typeof metadata.name !== 'string') return [];
    let spec: unknown = value;
    for (const key of path) spec = isObject(spec) ? spec[key] : undefined;
    if (!isObject(spec) || !Array.isArray(spec.containers) || !spec.containers.every((c) => isObject(c) && typeof c.name === 'string')) return [];
    return [{ kind: value.kind, name: metadata.name, ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {}), spec: spec as unknown as V1PodSpec }];
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The names the workload's controller gives its pods. */
function podNamePattern(template: PastedTemplate): RegExp {
  const name = escape(template.name);
  switch (template.kind) {
    case 'Deployment':
      return new RegExp(`^${name}-[a-z0-9]{6,10}-[a-z0-9]{5}$`);
    case 'StatefulSet':
      return new RegExp(`^${name}-\\d{1,5}$`);
    case 'CronJob':
      return new RegExp(`^${name}-\\d{8,10}-[a-z0-9]{5}$`);
    default:
      return new RegExp(`^${name}-[a-z0-9]{5}$`);
  }
}

/** The template a pod was made from, by its name and namespace. */
function templateOf(pod: V1Pod, templates: readonly PastedTemplate[]): PastedTemplate | undefined {
  const { name = '', namespace } = pod.metadata ?? {};
  return templates.find((t) => (!t.namespace || !namespace || t.namespace === namespace) && podNamePattern(t).test(name));
}

/**
 * The template's containers given to the pod's: a container of the same name gets the fields it
 * does not show; a pod whose rows named no container takes the names when the counts agree.
 */
function fillContainers(shown: readonly V1Container[], written: readonly V1Container[]): { containers: V1Container[]; renamed: Map<string, string> } | null {
  const renamed = new Map<string, string>();
  if (written.length === 0) return null;
  const unnamed = shown.length > 0 && shown.every((c) => isPlaceholder(c.name));
  if (unnamed && shown.length === written.length) {
    shown.forEach((c, i) => renamed.set(c.name, (written[i] as V1Container).name));
    return { containers: written.map((w, i) => ({ ...w, ...definedFields(shown[i] as V1Container), name: w.name })), renamed };
  }
  if (shown.length === 0) return { containers: written.map((w) => ({ ...w })), renamed };
  let filled = false;
  const containers = shown.map((c) => {
    const w = written.find((x) => x.name === c.name);
    if (!w) return c;
    filled = true;
    return { ...w, ...definedFields(c) };
  });
  return filled ? { containers, renamed } : null;
}

/** The fields a container shows, without the placeholder's name. */
function definedFields(container: V1Container): Partial<V1Container> {
  const { name: _name, ...rest } = container;
  return Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
}

/** Fills the pods of this paste from the manifests pasted with them; returns how many took something. */
export function applyTemplates(into: KubeObjects, pods: readonly V1Pod[], templates: readonly PastedTemplate[]): number {
  let applied = 0;
  for (const pod of pods) {
    const template = templateOf(pod, templates);
    if (!template) continue;
    const app = fillContainers(pod.spec?.containers ?? [], template.spec.containers);
    const init = fillContainers(pod.spec?.initContainers ?? [], template.spec.initContainers ?? []);
    if (!app && !init) continue;
    pod.spec = {
      ...template.spec,
      ...pod.spec,
      containers: app?.containers ?? pod.spec?.containers ?? [],
      ...(init ? { initContainers: init.containers } : {}),
    };
    for (const [from, to] of [...(app?.renamed ?? []), ...(init?.renamed ?? [])]) {
      for (const status of [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])]) if (status.name === from) status.name = to;
    }
    const notes = into.pasteNotes.get(pod);
    const note = `the containers' spec (commands, limits, probes) was read from the ${template.kind} manifest ${template.name} pasted with it: as written there, which the cluster may hold otherwise`;
    if (notes) into.pasteNotes.set(pod, { ...notes, missing: [...notes.missing.filter((m) => !/do not name the containers/.test(m)), note] });
    applied++;
  }
  return applied;
}
