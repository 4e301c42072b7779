import { stringify } from 'yaml';
import type { Incident } from '../../model/incident.js';
import { renderDescribe } from '../../report/describe-text.js';
import { ContentBuilder, type DetailContent } from './detail-content.js';
import { expandTabs, type Line } from './line.js';

/** Text laid out in columns (describe, YAML) as wide lines: never wrapped, scrolled sideways. */
function laidOut(text: string, heading: Line, wrap: boolean, width: number): DetailContent {
  const out = new ContentBuilder().push(heading);
  for (const raw of text.replace(/\n$/, '').split('\n')) {
    const line = expandTabs(raw);
    if (!wrap || line.length <= width) out.pushWide([], [{ text: line }]);
    else for (let i = 0; i < line.length; i += width) out.push([{ text: line.slice(i, i + width) }]);
  }
  return out.build();
}

/**
 * The pod as `kubectl describe pod` shows it at the capture time, from the evidence podmortem
 * holds (env values and secrets already redacted), so the layout people know is one key away.
 */
export function describeLines(incident: Incident, wrap: boolean, width: number): DetailContent {
  const text = renderDescribe(incident.pod, incident.events, incident.source.capturedAt);
  return laidOut(text, [{ text: `kubectl describe pod, as of ${incident.source.capturedAt} (secrets redacted)`, tone: 'muted' }], wrap, width);
}

const TOP_LEVEL_ORDER = ['apiVersion', 'kind', 'metadata', 'spec', 'status'];

/** The pod object as YAML, the way `kubectl get pod -o yaml` lays it out, from the redacted evidence. */
export function yamlLines(incident: Incident, wrap: boolean, width: number): DetailContent {
  // Live pods carry Date objects; the API's JSON form is what kubectl prints.
  const pod = JSON.parse(JSON.stringify({ apiVersion: 'v1', kind: 'Pod', ...incident.pod })) as Record<string, unknown>;
  const ordered = Object.fromEntries([...TOP_LEVEL_ORDER.filter((k) => k in pod).map((k) => [k, pod[k]]), ...Object.entries(pod).filter(([k]) => !TOP_LEVEL_ORDER.includes(k))]);
  const text = stringify(ordered, { lineWidth: 0 });
  return laidOut(text, [{ text: 'kubectl get pod -o yaml, as podmortem keeps it (env values, secrets and managedFields removed)', tone: 'muted' }], wrap, width);
}
