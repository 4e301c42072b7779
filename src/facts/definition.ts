import type { Evidence } from '../model/finding.js';
import type { ContainerContext, PodContext } from './context.js';

export type FactType = 'string' | 'number' | 'boolean' | 'string[]' | 'number[]';

interface FactDefinitionBase<C> {
  readonly name: string;
  readonly type: FactType;
  /** What the fact means, for `podmortem facts` and docs. */
  readonly description: string;
  /** A realistic value, for `podmortem facts` and rule scaffolds. */
  readonly example: unknown;
  /** Computes the value; null when the evidence does not say. */
  readonly compute: (ctx: C) => unknown;
  /** Where the value was read, so a finding can cite the exact field. */
  readonly cite?: (ctx: C, value: unknown) => Evidence | null;
}

export interface PodFactDefinition extends FactDefinitionBase<PodContext> {
  readonly scope: 'pod';
}

export interface ContainerFactDefinition extends FactDefinitionBase<ContainerContext> {
  readonly scope: 'container';
}

export type FactDefinition = PodFactDefinition | ContainerFactDefinition;

export function podFact(def: Omit<PodFactDefinition, 'scope'>): PodFactDefinition {
  return { ...def, scope: 'pod' };
}

export function containerFact(def: Omit<ContainerFactDefinition, 'scope'>): ContainerFactDefinition {
  return { ...def, scope: 'container' };
}

/** Cites a field of the container's status, e.g. `lastState.terminated.reason`. */
export function statusField(path: string) {
  return (ctx: ContainerContext, value: unknown): Evidence | null =>
    value === null || value === undefined
      ? null
      : { source: `${statusesKey(ctx)}[${ctx.name}].${path}`, text: String(value) };
}

/** Cites a field of the container's spec, e.g. `resources.limits.memory`. */
export function specField(path: string) {
  return (ctx: ContainerContext, value: unknown): Evidence | null =>
    value === null || value === undefined
      ? null
      : { source: `spec.${ctx.kind === 'app' ? 'containers' : 'initContainers'}[${ctx.name}].${path}`, text: String(value) };
}

/** Cites a field of the pod. */
export function podField(path: string) {
  return (_ctx: PodContext, value: unknown): Evidence | null =>
    value === null || value === undefined ? null : { source: path, text: String(value) };
}

/** Where a container's status sits: app containers' list, or init containers' (sidecars included). */
export function statusesKey(ctx: ContainerContext): string {
  return ctx.kind === 'app' ? 'status.containerStatuses' : 'status.initContainerStatuses';
}
