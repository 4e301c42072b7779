import type { Incident } from '../model/incident.js';
import type { Evidence } from '../model/finding.js';
import { CONTAINER_FACT_DEFINITIONS, FACT_CATALOG, POD_FACT_DEFINITIONS } from './catalog.js';
import { buildPodContext, type ContainerContext, type PodContext } from './context.js';

export type FactValues = Record<string, unknown>;

/** Reads one fact by name: what `values[name]` gives, without going through the object's Proxy. */
export type FactReader = (name: string) => unknown;

/** Facts of one container, with the pod's facts alongside so container rules can read both. */
export interface ContainerFacts {
  readonly context: ContainerContext;
  readonly values: FactValues;
  readonly read: FactReader;
}

export interface PodFacts {
  readonly context: PodContext;
  readonly values: FactValues;
  readonly read: FactReader;
  readonly containers: readonly ContainerFacts[];
}

function normalise(value: unknown): unknown {
  return value === undefined ? null : value;
}

const POD_FACT_NAMES = POD_FACT_DEFINITIONS.map((d) => d.name);
const CONTAINER_FACT_NAMES = [...POD_FACT_NAMES, ...CONTAINER_FACT_DEFINITIONS.map((d) => d.name)];
const POD_FACT_SET = new Set(POD_FACT_NAMES);
const CONTAINER_FACT_SET = new Set(CONTAINER_FACT_NAMES);
const POD_DEFINITIONS = new Map(POD_FACT_DEFINITIONS.map((d) => [d.name, d]));
const CONTAINER_DEFINITIONS = new Map(CONTAINER_FACT_DEFINITIONS.map((d) => [d.name, d]));

/**
 * Fact values computed on first read and kept. `values` reads like a plain object (spread, JSON,
 * Object.entries all see every fact), but a healthy container, whose rules are ruled out after a
 * few facts, never pays for the other hundred. `read` is the same without the Proxy, which the
 * rule runner uses for its thousands of reads per pod.
 */
function lazyValues(names: readonly string[], known: ReadonlySet<string>, compute: (name: string) => unknown): { values: FactValues; read: FactReader } {
  const cache = new Map<string, unknown>();
  const read = (name: string): unknown => {
    const cached = cache.get(name);
    if (cached !== undefined || cache.has(name)) return cached;
    const value = known.has(name) ? normalise(compute(name)) : undefined;
    cache.set(name, value);
    return value;
  };
  const values = new Proxy({} as FactValues, {
    get: (_target, name) => (typeof name === 'string' && known.has(name) ? read(name) : undefined),
    has: (_target, name) => typeof name === 'string' && known.has(name),
    ownKeys: () => [...names],
    getOwnPropertyDescriptor: (_target, name) =>
      typeof name === 'string' && known.has(name) ? { enumerable: true, configurable: true, writable: false, value: read(name) } : undefined,
  });
  return { values, read };
}

/** Facts of one pod and each of its containers, each computed once when first read. Pure. */
export function computeFacts(incident: Incident): PodFacts {
  const context = buildPodContext(incident);
  const pod = lazyValues(POD_FACT_NAMES, POD_FACT_SET, (name) => POD_DEFINITIONS.get(name)!.compute(context));
  const containers = context.containers.map((container) => ({
    context: container,
    ...lazyValues(CONTAINER_FACT_NAMES, CONTAINER_FACT_SET, (name) => {
      const def = CONTAINER_DEFINITIONS.get(name);
      return def ? def.compute(container) : pod.read(name);
    }),
  }));
  return { context, ...pod, containers };
}

/** The evidence line for one fact: where it was read and what it said. */
export function citeFact(name: string, facts: PodFacts, container: ContainerFacts | null): Evidence | null {
  const def = FACT_CATALOG.get(name);
  if (!def) return null;
  if (def.scope === 'pod') {
    const value = facts.values[name];
    return def.cite ? def.cite(facts.context, value) : defaultCite(name, value);
  }
  if (!container) return null;
  const value = container.values[name];
  return def.cite ? def.cite(container.context, value) : defaultCite(`${name} (${container.context.name})`, value);
}

function defaultCite(name: string, value: unknown): Evidence | null {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  return { source: name, text: Array.isArray(value) ? value.join(', ') : String(value) };
}
