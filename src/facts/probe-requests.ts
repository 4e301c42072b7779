/**
 * kubelet's HTTP probes as the application's own access log shows them. kubelet sends every
 * httpGet probe with the User-Agent `kube-probe/<major>.<minor>`, and counts any status from 200
 * to 399 as a success; apps and proxies log those requests like any other (nginx's combined
 * format, logfmt, JSON, Go's `map[...]` dumps). A failing answer there is the probe failing,
 * seen from the container's side: what people paste when the events are not at hand.
 */

/** One probe request of kubelet's in a log: the path asked, the status answered, the line. */
export interface ProbeRequest {
  readonly path: string;
  readonly status: number;
  readonly line: string;
}

const KUBE_PROBE = /\bkube-probe\/\d/;
/** The request line of the combined log format and its status right after: `"GET /healthz HTTP/1.1" 503`. */
const REQUEST_LINE = /"(?:GET|HEAD) (\/\S{0,2000}) HTTP\/[\d.]{1,4}" (\d{3})\b/;
/** A path under its usual field names: logfmt `path=/healthz`, Go `path:/healthz`, JSON `"path":"/healthz"`. */
const PATH_FIELD = /\b(?:path|uri|url|request_uri|requestURI|request_path)["']?\s{0,3}[:=]\s{0,3}["']?(\/[^\s"',}\]]{0,2000})/;
/** A status under its usual field names: `status=503`, `status:503`, `"status_code": 503`, `"statusCode":"503"`. */
const STATUS_FIELD = /\b(?:status|status_code|statusCode|code|response_code|http_status)["']?\s{0,3}[:=]\s{0,3}["']?(\d{3})\b/;

/** Reads one log line as kubelet's probe request; null for any other line or one without a path and status. */
export function probeRequestIn(line: string): ProbeRequest | null {
  if (!KUBE_PROBE.test(line)) return null;
  const request = REQUEST_LINE.exec(line);
  const path = request?.[1] ?? PATH_FIELD.exec(line)?.[1];
  const status = Number(request?.[2] ?? STATUS_FIELD.exec(line)?.[1]);
  if (!path || !(status >= 100 && status <= 599)) return null;
  return { path, status, line: line.trim() };
}

/** Whether kubelet counts the answer as a failed probe: anything outside 200-399. */
export function probeRequestFailed(request: ProbeRequest): boolean {
  return request.status < 200 || request.status >= 400;
}

/**
 * kubelet's last probe request in a log when it failed, with how many of its requests there failed;
 * null when the log shows no probe request or the last one succeeded (the probe has recovered since).
 */
export function lastFailedProbeRequest(log: string | undefined): { request: ProbeRequest; failures: number } | null {
  if (!log || !log.includes('kube-probe/')) return null;
  let last: ProbeRequest | null = null;
  let failures = 0;
  for (const line of log.split('\n')) {
    const request = probeRequestIn(line);
    if (!request) continue;
    last = request;
    if (probeRequestFailed(request)) failures++;
  }
  return last && probeRequestFailed(last) ? { request: last, failures } : null;
}

/** The path without its query: what a probe's httpGet.path is compared to. */
export function pathOnly(path: string): string {
  return path.replace(/[?#].*$/, '');
}

const KIND_WORDS: ReadonlyArray<readonly ['liveness' | 'readiness' | 'startup', ReadonlySet<string>]> = [
  ['readiness', new Set(['ready', 'readyz', 'readiness', 'isready'])],
  ['liveness', new Set(['live', 'livez', 'liveness', 'alive', 'isalive'])],
  ['startup', new Set(['startup', 'startupz', 'started'])],
];

/** The probe kind a path's own name says it serves (`/health/ready`, `/livez`, `/startup`); null when it says none. */
export function probeKindNamedBy(path: string): 'liveness' | 'readiness' | 'startup' | null {
  const words = pathOnly(path).toLowerCase().split(/[/_.-]+/);
  return KIND_WORDS.find(([, names]) => words.some((w) => names.has(w)))?.[0] ?? null;
}
