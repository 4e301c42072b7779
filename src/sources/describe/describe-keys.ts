/**
 * The keys kubectl describe pod prints, from 1.1x to 1.3x, so lines can be placed by what they
 * say even when a paste lost its indentation. Matching is case-sensitive: env var names and
 * annotation keys rarely look like `Restart Count`.
 */

/** Pod-level keys that appear nowhere else in a pod's description. */
export const POD_KEYS = new Set([
  'Namespace',
  'Priority',
  'Priority Class Name',
  'PriorityClassName',
  'Runtime Class Name',
  'Service Account',
  'Node',
  'Start Time',
  'Labels',
  'Annotations',
  'Status',
  'SeccompProfile',
  'IPs',
  'Controlled By',
  'Created By',
  'Controllers',
  'NominatedNodeName',
  'Nominated Node Name',
  'Init Containers',
  'Containers',
  'Ephemeral Containers',
  'Readiness Gates',
  'Conditions',
  'Volumes',
  'QoS Class',
  'Node-Selectors',
  'Tolerations',
  'Topology Spread Constraints',
  'Events',
  'Termination Grace Period',
  'Scheduling Gates',
  'Security Policy',
]);

/**
 * Pod-level keys that also appear nested: `Name` in a ConfigMap volume, `Reason` and `Message`
 * in container states, `IP` under `IPs`.
 */
export const SHARED_POD_KEYS = new Set(['Name', 'Reason', 'Message', 'IP']);

/** Sections whose entries follow on the next lines. */
export const CONTAINER_SECTIONS = new Set(['Init Containers', 'Containers', 'Ephemeral Containers']);

/** Keys of one container's block. */
export const CONTAINER_KEYS = new Set([
  'Container ID',
  'Image',
  'Image ID',
  'Port',
  'Ports',
  'Host Port',
  'Host Ports',
  'Command',
  'Args',
  'State',
  'Last State',
  // kubectl before 1.2 printed the last state under this name.
  'Last Termination State',
  'Ready',
  'Restart Count',
  'Restart Policy',
  'Limits',
  'Requests',
  'Liveness',
  'Readiness',
  'Startup',
  'Environment Variables from',
  'Environment',
  'Mounts',
  'Devices',
  'Target Container Name',
  'QoS Tier',
]);

/** Keys under `State:` and `Last State:`. */
export const STATE_KEYS = new Set(['Reason', 'Message', 'Exit Code', 'Signal', 'Started', 'Finished']);

/** Keys of a volume's block under `Volumes:`. */
export const VOLUME_KEYS = new Set([
  'Type',
  'SecretName',
  'ClaimName',
  'ReadOnly',
  'Optional',
  'Medium',
  'SizeLimit',
  'Path',
  'HostPathType',
  'TokenExpirationSeconds',
  'ConfigMapName',
  'ConfigMapOptional',
  'SecretOptionalName',
  'DownwardAPI',
]);
