import type { V1Node } from '@kubernetes/client-node';
import { NOT_READY_FROM_ROW } from '../../model/placeholders.js';

/** One row of `kubectl get nodes` (also `-o wide`): the node's name and what its STATUS shows. */
export interface NodeRow {
  readonly name: string;
  /** The Ready condition as STATUS shows it: `True`, `NotReady` (False or Unknown), or null when STATUS is `Unknown` (no Ready condition at all). */
  readonly ready: 'True' | typeof NOT_READY_FROM_ROW | null;
  /** `SchedulingDisabled` after the condition: cordoned (spec.unschedulable). */
  readonly unschedulable: boolean;
  /** VERSION (kubelet's), when the row has that column. */
  readonly version?: string;
}

/**
 * The header of `kubectl get nodes`: NAME STATUS ROLES AGE VERSION since kubectl 1.8, NAME STATUS
 * AGE VERSION before it (1.6, 1.7), NAME STATUS AGE before that; `-o wide` adds columns after.
 */
export const GET_NODES_HEADER = /^NAME\s+STATUS\s+(?:ROLES\s+)?AGE(?:\s+VERSION)?(?:\s+[A-Z][A-Z-]*)*$/;

/** NAME, STATUS (the Ready word, then SchedulingDisabled), then ROLES/AGE/VERSION and wide columns. */
const ROW = /^(?<name>[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)\s+(?<status>Ready|NotReady|Unknown)(?<disabled>,SchedulingDisabled)?(?<rest>(?:\s+\S{1,300}){1,12})$/;
const VERSION = /^v\d{1,2}\.\d{1,3}\.\d{1,4}\S{0,80}$/;
const AGE = /^(?:\d{1,9}[smhdy]\w{0,12}|<invalid>|<unknown>)$/;

/** A row under a `kubectl get nodes` header; null for any other line. */
export function readNodeRow(text: string): NodeRow | null {
  const groups = ROW.exec(text)?.groups;
  if (!groups?.name || !groups.status) return null;
  const columns = (groups.rest ?? '').trim().split(/\s+/);
  // ROLES is optional (kubectl before 1.8); AGE must follow it: a row of another table is not read.
  const ageAt = columns.findIndex((c) => AGE.test(c));
  if (ageAt < 0 || ageAt > 1) return null;
  const version = columns[ageAt + 1];
  const ready = groups.status === 'Ready' ? 'True' : groups.status === 'NotReady' ? NOT_READY_FROM_ROW : null;
  return { name: groups.name, ready, unschedulable: Boolean(groups.disabled), ...(version && VERSION.test(version) ? { version } : {}) };
}

/** The Node a row shows: its name, the Ready condition as far as STATUS tells, cordoned or not, kubelet's version. */
export function nodeFromRow(row: NodeRow): V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: row.name },
    spec: row.unschedulable ? { unschedulable: true } : {},
    status: {
      conditions: row.ready ? [{ type: 'Ready', status: row.ready }] : [],
      ...(row.version ? { nodeInfo: { kubeletVersion: row.version } as NonNullable<V1Node['status']>['nodeInfo'] } : {}),
    },
  };
}
