import { useCallback, useMemo, useState } from 'react';
import type { PodEntry } from '../model/pod-entry.js';
import { workloadItems, type ListItem } from '../model/workload-groups.js';

export interface WorkloadGrouping {
  /** The grouped rows; null while the list shows pods one per row. */
  readonly items: readonly ListItem[] | null;
  readonly toggle: () => void;
  /** Opens or closes a workload's pods. */
  readonly toggleExpanded: (key: string) => void;
}

/** Whether the pod list is grouped by workload (`w`), and which workloads are expanded. */
export function useWorkloadGrouping(visible: readonly PodEntry[]): WorkloadGrouping {
  const [grouped, setGrouped] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const items = useMemo(() => (grouped ? workloadItems(visible, expanded) : null), [grouped, visible, expanded]);
  const toggle = useCallback(() => setGrouped((g) => !g), []);
  const toggleExpanded = useCallback(
    (key: string) =>
      setExpanded((open) => {
        const next = new Set(open);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    [],
  );
  return { items, toggle, toggleExpanded };
}
