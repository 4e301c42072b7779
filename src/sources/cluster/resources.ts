/** A Kubernetes resource type podmortem reads, as the API and RBAC name it. */
export interface ResourceType {
  /** API group; `''` is the core group. */
  readonly group: string;
  readonly version: string;
  /** Plural resource name as RBAC rules and URLs spell it, e.g. `pods`, `endpointslices`. */
  readonly plural: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

function resource(group: string, version: string, plural: string, kind: string, namespaced = true): ResourceType {
  return { group, version, plural, kind, namespaced };
}

export const PODS = resource('', 'v1', 'pods', 'Pod');
export const EVENTS = resource('', 'v1', 'events', 'Event');
export const EVENTS_V1 = resource('events.k8s.io', 'v1', 'events', 'Event');
export const NODES = resource('', 'v1', 'nodes', 'Node', false);
export const NAMESPACES = resource('', 'v1', 'namespaces', 'Namespace', false);
export const SERVICES = resource('', 'v1', 'services', 'Service');
export const ENDPOINT_SLICES = resource('discovery.k8s.io', 'v1', 'endpointslices', 'EndpointSlice');
export const REPLICA_SETS = resource('apps', 'v1', 'replicasets', 'ReplicaSet');
export const DEPLOYMENTS = resource('apps', 'v1', 'deployments', 'Deployment');
export const STATEFUL_SETS = resource('apps', 'v1', 'statefulsets', 'StatefulSet');
export const DAEMON_SETS = resource('apps', 'v1', 'daemonsets', 'DaemonSet');
export const JOBS = resource('batch', 'v1', 'jobs', 'Job');
export const CRON_JOBS = resource('batch', 'v1', 'cronjobs', 'CronJob');
export const CONTROLLER_REVISIONS = resource('apps', 'v1', 'controllerrevisions', 'ControllerRevision');

export type Verb = 'get' | 'list' | 'watch';
export type QueryValue = string | number | boolean | undefined;

/** One read request: what RBAC checks (verb, resource, namespace) and what the URL needs. */
export interface ApiRequest {
  readonly verb: Verb;
  readonly type: ResourceType;
  /** Omitted for cluster-scoped resources and for lists across all namespaces. */
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: 'log';
  readonly query?: Readonly<Record<string, QueryValue>>;
}

/** The URL path and query of a request, relative to the API server's base URL. */
export function requestPath(request: ApiRequest): string {
  const { type, namespace, name, subresource } = request;
  const segments = [type.group ? `/apis/${type.group}/${type.version}` : `/api/${type.version}`];
  if (type.namespaced && namespace) segments.push('namespaces', encodeURIComponent(namespace));
  segments.push(type.plural);
  if (name) segments.push(encodeURIComponent(name));
  if (subresource) segments.push(subresource);
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) query.set(key, String(value));
  if (request.verb === 'watch') query.set('watch', '1');
  const text = query.toString();
  return segments.join('/') + (text ? `?${text}` : '');
}

/** `pods/log`, `events.events.k8s.io`: the resource as RBAC error messages name it. */
export function resourceName(request: Pick<ApiRequest, 'type' | 'subresource'>): string {
  const plural = request.subresource ? `${request.type.plural}/${request.subresource}` : request.type.plural;
  return request.type.group ? `${plural}.${request.type.group}` : plural;
}

/** `list events in namespace shop`, `get nodes (cluster-wide)`. */
export function describeRequest(request: ApiRequest): string {
  const where = !request.type.namespaced
    ? ' (cluster-wide)'
    : request.namespace
      ? ` in namespace ${request.namespace}`
      : ' in all namespaces';
  return `${request.verb} ${resourceName(request)}${where}`;
}

/** The RBAC rule that allows the request, in the flow style a Role's `rules:` takes. */
export function rbacRule(request: Pick<ApiRequest, 'verb' | 'type' | 'subresource'>): string {
  const plural = request.subresource ? `${request.type.plural}/${request.subresource}` : request.type.plural;
  return `{apiGroups: ["${request.type.group}"], resources: ["${plural}"], verbs: ["${request.verb}"]}`;
}

/** Where that rule has to live: a Role in the namespace, or a ClusterRole. */
export function rbacHome(request: ApiRequest): string {
  if (!request.type.namespaced) return 'a ClusterRole';
  return request.namespace ? `a Role in namespace ${request.namespace}` : 'a ClusterRole';
}
