import type { ContainerFactDefinition, FactDefinition, PodFactDefinition } from './definition.js';
import { CONTAINER_STATE_FACTS } from './container-state-facts.js';
import { RESOURCE_FACTS } from './resource-facts.js';
import { PROBE_FACTS } from './probe-facts.js';
import { PROBE_REQUEST_FACTS } from './probe-request-facts.js';
import { CONTAINER_EVENT_FACTS } from './container-event-facts.js';
import { LOG_FACTS } from './log-facts.js';
import { DERIVED_STATE_FACTS } from './derived-state.js';
import { POD_FACTS } from './pod-facts.js';
import { NODE_FACTS, SERVICE_FACTS } from './node-facts.js';
import { INIT_CONTAINER_FACTS } from './init-container-facts.js';
import { WORKLOAD_FACTS } from './workload-facts.js';
import { ROLLOUT_FACTS } from './rollout-facts.js';
import { WORKLOAD_SIBLING_FACTS } from './workload-sibling-facts.js';
import { FAILURE_SIGNAL_FACTS } from './failure-signals.js';
import { NODE_PLATFORM_FACTS } from './node-platform-facts.js';
import { REGISTRY_FACTS } from './registry-facts.js';
import { CREATION_REFUSAL_FACTS } from './creation-refusal-facts.js';
import { JOB_DEADLINE_FACTS } from './job-deadline-facts.js';
import { JOB_STATUS_FACTS } from './job-status-facts.js';
import { LIFECYCLE_HOOK_FACTS } from './lifecycle-hook-facts.js';
import { STOP_RETRY_FACTS } from './stop-retry-facts.js';

export const POD_FACT_DEFINITIONS: readonly PodFactDefinition[] = [
  ...POD_FACTS,
  ...NODE_FACTS,
  ...NODE_PLATFORM_FACTS,
  ...SERVICE_FACTS,
  ...WORKLOAD_FACTS,
  ...ROLLOUT_FACTS,
  ...WORKLOAD_SIBLING_FACTS,
  ...INIT_CONTAINER_FACTS,
  ...FAILURE_SIGNAL_FACTS,
  ...JOB_DEADLINE_FACTS,
  ...JOB_STATUS_FACTS,
  ...CREATION_REFUSAL_FACTS,
  ...STOP_RETRY_FACTS,
];

export const CONTAINER_FACT_DEFINITIONS: readonly ContainerFactDefinition[] = [
  ...CONTAINER_STATE_FACTS,
  ...DERIVED_STATE_FACTS,
  ...RESOURCE_FACTS,
  ...PROBE_FACTS,
  ...PROBE_REQUEST_FACTS,
  ...CONTAINER_EVENT_FACTS,
  ...LIFECYCLE_HOOK_FACTS,
  ...REGISTRY_FACTS,
  ...LOG_FACTS,
];

/** Every fact a rule can name, by name. Rule loading checks conditions and templates against it. */
export const FACT_CATALOG: ReadonlyMap<string, FactDefinition> = new Map(
  [...POD_FACT_DEFINITIONS, ...CONTAINER_FACT_DEFINITIONS].map((def) => [def.name, def]),
);
