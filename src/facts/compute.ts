import type { Incident } from '../model/incident.js';
import type { Evidence } from '../model/finding.js';
import { CONTAINER_FACT_DEFINITIONS, FACT_CATALOG, POD_FACT_DEFINITIONS } from './catalog.js';
import { buildPodContext, type ContainerContext, type PodContext } from './context.js';

export type FactValues = Record<string, unknown>;

/** Facts of one container, with the pod's facts alongside so container rules can read both. */
export interface ContainerFacts {
  readonly context: ContainerContext;
  readonly values: FactValues;
}

export interface PodFacts {
  readonly context: PodContext;
  readonly values: FactValues;
  readonly containers: readonly ContainerFacts[];
}

function normalise(value: unknown): unknown {
  return value === undefined ? null : value;
}

/** Computes every fact once per pod and once per container. Pure and synchronous. */
export function computeFacts(incident: Incident): PodFacts {
  const context = buildPodContext(incident);
  const values: FactValues = {};
  for (const def of POD_FACT_DEFINITIONS) values[def.name] = normalise(def.compute(context));
  const containers = context.containers.map((container) => {
    const containerValues: FactValues = { ...values };
    for (const def of CONTAINER_FACT_DEFINITIONS) containerValues[def.name] = normalise(def.compute(container));
    return { context: container, values: containerValues };
  });
  return { context, values, containers };
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
