import { InputError } from '../input-error.js';
import type { ClusterTarget } from './kubeconfig.js';
import { accessYaml } from './permissions.js';
import { ClusterRequestError } from './request-error.js';
import { describeRequest } from './resources.js';

/** Access to the pods themselves is denied: one line, plus the Role that would allow it. */
export class AccessDeniedError extends InputError {
  constructor(
    message: string,
    /** A Role and RoleBinding (YAML) granting what podmortem needs. */
    readonly roleYaml: string,
  ) {
    super(message);
  }
}

function networkLine(error: ClusterRequestError, target: ClusterTarget): string {
  const { server, context } = target;
  const code = error.reason ?? '';
  if (code === 'ECONNREFUSED') return `cannot connect to the API server at ${server} (connection refused): is the cluster running, and does context "${context}" point at it?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `cannot resolve the API server host ${new URL(server).hostname} (${code}): check the server of context "${context}", your DNS or VPN`;
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    // Mid-run this is a server that stopped: which request it dropped says how far the run got.
    return `the API server at ${server} closed the connection (${code}) during ${describeRequest(error.request)}: it stopped, or it is not an HTTPS Kubernetes API server, or a proxy is in the way`;
  }
  return `cannot reach the API server at ${server} (${code || error.detail}): check your network or VPN and the server of context "${context}"`;
}

function tlsLine(error: ClusterRequestError, target: ClusterTarget): string {
  const { server, context } = target;
  const code = error.reason ?? '';
  if (/SELF_SIGNED|UNABLE_TO_(VERIFY|GET)_|CERT_UNTRUSTED|CERT_SIGNATURE_FAILURE/.test(code)) {
    return `TLS: the certificate of ${server} is not signed by a CA the kubeconfig trusts (${code}): set certificate-authority or certificate-authority-data for the cluster of context "${context}"`;
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return `TLS: the certificate of ${server} is ${code === 'CERT_HAS_EXPIRED' ? 'expired' : 'not valid yet'} (${code}): renew the API server certificate, or check this machine's clock`;
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `TLS: the certificate of ${server} is not issued for that address (${code}): use the name it was issued for, or set tls-server-name in context "${context}"'s cluster`;
  }
  return `TLS handshake with ${server} failed (${code ? `${code}: ` : ''}${error.detail}): check the cluster CA and client certificate of context "${context}"`;
}

/**
 * The one line (or, for forbidden pods, the line and a Role) a failed cluster request deserves
 * when it stops the run. Anything that is not a ClusterRequestError is returned unchanged.
 */
export function explainFailure(error: unknown, target: ClusterTarget): unknown {
  if (!(error instanceof ClusterRequestError)) return error;
  const { server, context, user } = target;
  switch (error.kind) {
    case 'network':
      return new InputError(networkLine(error, target));
    case 'tls':
      return new InputError(tlsLine(error, target));
    case 'credentials':
      return new InputError(`cannot get credentials for user "${user}" of context "${context}": ${error.detail}`);
    case 'timeout':
      return new InputError(`the API server at ${server} did not answer in time (${describeRequest(error.request)}: ${error.detail}): check the network, or raise --request-timeout`);
    case 'protocol':
      return new InputError(`${server} did not answer like a Kubernetes API server (${describeRequest(error.request)}): ${error.detail}`);
    case 'too-large':
      return new InputError(`${describeRequest(error.request)}: ${error.detail}, so podmortem stopped reading it; raise --max-response-size (or PODMORTEM_MAX_RESPONSE_SIZE) if objects this large are expected`);
    case 'status':
      break;
  }
  if (error.status === 401) {
    return new InputError(
      `the API server at ${server} rejected the credentials of user "${user}" in context "${context}" (401 Unauthorized): they are missing, wrong or expired; log in again or fix the user in ${target.origin}`,
    );
  }
  if (error.forbidden) {
    const namespace = error.request.type.namespaced ? (error.request.namespace ?? null) : null;
    const who = error.subject ? `user "${error.subject}"` : 'your user';
    return new AccessDeniedError(
      `forbidden: ${who} cannot ${describeRequest(error.request)}; an admin can grant what podmortem needs with this ${namespace ? 'Role and RoleBinding' : 'ClusterRole and ClusterRoleBinding'} (kubectl apply -f):`,
      accessYaml(namespace, error.subject),
    );
  }
  return new InputError(`the API server refused to ${describeRequest(error.request)} (HTTP ${error.status}): ${error.detail}`);
}
