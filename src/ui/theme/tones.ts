import type { Severity } from '../../model/severity.js';
import type { Health } from '../model/pod-health.js';
import type { Tone } from './theme.js';

/** The tone a finding or pod of this severity is shown in; no finding reads as fine. */
export function severityTone(severity: Severity | null): Tone {
  return severity ?? 'ok';
}

/** The tone of a pod's status text, from its health. */
export function healthTone(health: Health): Tone {
  switch (health) {
    case 'failing':
      return 'critical';
    case 'degraded':
      return 'warning';
    case 'finished':
      return 'muted';
    default:
      return 'ok';
  }
}

/** Warning events stand out; normal ones recede. */
export function eventTone(type: string): Tone | undefined {
  return type === 'Warning' ? 'warning' : undefined;
}
