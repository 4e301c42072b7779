/*
 * The API server reaches a pod's kubelet (port 10250) to serve `kubectl logs`, `exec`, `attach` and
 * `port-forward`. When it cannot, it answers with the dial error it met, and kubectl prints it:
 *   Error from server: Get "https://10.0.4.7:10250/containerLogs/shop/cart-0/app": dial tcp 10.0.4.7:10250: i/o timeout
 *   error: error upgrading connection: error dialing backend: dial tcp 10.0.4.7:10250: connect: no route to host
 * (Go quotes the URL since 1.14; older API servers print it bare.) That says the pod's node is down
 * or cut off from the control plane, or its kubelet port is blocked: not what the program did.
 */

/** What a kubelet dial error names: the pod (from the URL, when it has one) and the error itself. */
export interface KubeletUnreachable {
  readonly namespace: string | null;
  readonly pod: string | null;
  readonly container: string | null;
  /** `dial tcp 10.0.4.7:10250: i/o timeout`: the dial error as the API server gave it. */
  readonly error: string;
}

/** The kubelet API paths the API server proxies for a pod: /containerLogs/NS/POD/CONTAINER, /exec/..., /attach/..., /portForward/NS/POD. */
const KUBELET_URL = /^(?:Error from server(?: \([A-Za-z]{1,40}\))?: |error: )?(?:Get|Post) "?https?:\/\/[^/\s"]{1,300}\/(?:containerLogs|exec|attach|portForward|run)\/([a-z0-9][a-z0-9-]{0,62})\/([a-z0-9][a-z0-9.-]{0,252})(?:\/([a-z0-9][a-z0-9-]{0,62}))?[^\s"]{0,500}"?: (dial tcp .{1,300})$/;
/** The same failure met while upgrading a connection (exec, attach, port-forward): no URL, so no pod named. */
const DIALING_BACKEND = /^(?:Error from server(?: \([A-Za-z]{1,40}\))?: |error: )?(?:error upgrading connection: )?error dialing backend: (dial tcp .{1,300})$/;
/** The dial error's own text: the address, then why the connection failed. */
const DIAL_ERROR = /^dial tcp \S{1,300}: (?:i\/o timeout|connect: (?:no route to host|connection refused|connection timed out|network is unreachable|host is down))$/;

/** The kubelet dial error one line of kubectl's output shows; null for any other line. */
export function readKubeletUnreachable(line: string): KubeletUnreachable | null {
  const text = line.trim();
  const url = KUBELET_URL.exec(text);
  if (url?.[4] && DIAL_ERROR.test(url[4])) return { namespace: url[1] ?? null, pod: url[2] ?? null, container: url[3] ?? null, error: url[4] };
  const backend = DIALING_BACKEND.exec(text)?.[1];
  if (backend && DIAL_ERROR.test(backend)) return { namespace: null, pod: null, container: null, error: backend };
  return null;
}
