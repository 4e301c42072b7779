/** The object an event is about. */
export interface InvolvedObject {
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly uid?: string;
  /** For pods, names the container: `spec.containers{app}`, `spec.initContainers{init}`. */
  readonly fieldPath?: string;
}

/**
 * An event normalised from core/v1 `Event` or events.k8s.io/v1 `Event`, so rules and reports
 * see one shape whichever API served it.
 */
export interface PodEvent {
  readonly type: 'Normal' | 'Warning' | string;
  readonly reason: string;
  readonly message: string;
  /** How many occurrences this aggregated event stands for (at least 1). */
  readonly count: number;
  /** ISO times; null when the source did not record them. */
  readonly firstTimestamp: string | null;
  readonly lastTimestamp: string | null;
  readonly involvedObject: InvolvedObject;
  /** Reporting component, e.g. `kubelet`, `default-scheduler`. */
  readonly source: string;
  readonly host?: string;
}
