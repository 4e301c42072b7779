import type { Incident } from '../model/incident.js';
import type { Evidence } from '../model/finding.js';
import { CONTAINER_FACT_DEFINITIONS, FACT_CATALOG, POD_FACT_DEFINITIONS } from './catalog.js';
import type { ContainerFactDefinition, PodFactDefinition } from './definition.js';
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
/** Position of each fact in CONTAINER_FACT_NAMES; pod facts come first, so theirs is the same in POD_FACT_NAMES. */
const FACT_INDEX = new Map(CONTAINER_FACT_NAMES.map((name, i) => [name, i]));
const POD_FACT_COUNT = POD_FACT_NAMES.length;
const NOT_YET = Symbol('not computed yet');

/**
 * Fact values computed on first read and kept: a healthy container, whose rules are ruled out
 * after a few facts, never pays for the other hundred. `read` looks up the fact's position, then
 * an array slot; a container's reads of pod facts go to the pod's cache, so its own holds only
 * container facts. `values` (made only when asked for) reads like a plain object: spread, JSON
 * and Object.entries see every fact.
 */
function lazyReader(names: readonly string[], readPod: FactReader | null, computeAt: (index: number) => unknown): FactReader {
  const first = readPod ? POD_FACT_COUNT : 0;
  const cache: unknown[] = new Array(names.length - first).fill(NOT_YET);
  return (name: string): unknown => {
    const index = FACT_INDEX.get(name);
    if (index === undefined || index >= names.length) return undefined;
    if (index < first) return (readPod as FactReader)(name);
    let value = cache[index - first];
    if (value === NOT_YET) {
      value = normalise(computeAt(index));
      cache[index - first] = value;
    }
    return value;
  };
}

function factsObject(names: readonly string[], read: FactReader): FactValues {
  const known = (name: string | symbol): name is string => typeof name === 'string' && (FACT_INDEX.get(name) ?? Infinity) < names.length;
  return new Proxy({} as FactValues, {
    get: (_target, name) => (known(name) ? read(name) : undefined),
    has: (_target, name) => known(name),
    ownKeys: () => [...names],
    getOwnPropertyDescriptor: (_target, name) => (known(name) ? { enumerable: true, configurable: true, writable: false, value: read(name) } : undefined),
  });
}

/** Facts of one pod and each of its containers, each computed once when first read. Pure. */
export function computeFacts(incident: Incident): PodFacts {
  const context = buildPodContext(incident);
  const podRead = lazyReader(POD_FACT_NAMES, null, (index) => (POD_FACT_DEFINITIONS[index] as PodFactDefinition).compute(context));
  const containers = context.containers.map((container): ContainerFacts => {
    const read = lazyReader(CONTAINER_FACT_NAMES, podRead, (index) => (CONTAINER_FACT_DEFINITIONS[index - POD_FACT_COUNT] as ContainerFactDefinition).compute(container));
    let values: FactValues | undefined;
    return {
      context: container,
      read,
      get values() {
        return (values ??= factsObject(CONTAINER_FACT_NAMES, read));
      },
    };
  });
  let podValues: FactValues | undefined;
  return {
    context,
    read: podRead,
    get values() {
      return (podValues ??= factsObject(POD_FACT_NAMES, podRead));
    },
    containers,
  };
}

/** The evidence line for one fact: where it was read and what it said. */
export function citeFact(name: string, facts: PodFacts, container: ContainerFacts | null): Evidence | null {
  const def = FACT_CATALOG.get(name);
  if (!def) return null;
  if (def.scope === 'pod') {
    const value = facts.read(name);
    return def.cite ? def.cite(facts.context, value) : defaultCite(name, value);
  }
  if (!container) return null;
  const value = container.read(name);
  return def.cite ? def.cite(container.context, value) : defaultCite(`${name} (${container.context.name})`, value);
}

function defaultCite(name: string, value: unknown): Evidence | null {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  return { source: name, text: Array.isArray(value) ? value.join(', ') : String(value) };
}
