import type { V1Probe } from '@kubernetes/client-node';
import { durationSeconds } from './relative-age.js';

const PARAMETERS: Record<string, keyof V1Probe> = {
  delay: 'initialDelaySeconds',
  timeout: 'timeoutSeconds',
  period: 'periodSeconds',
  '#success': 'successThreshold',
  '#failure': 'failureThreshold',
};

/** `http://:8080/healthz`, `https://10.0.0.1:http/ready?x=1`: host is blank unless the probe sets one. */
const HTTP_URL = /^(https?):\/\/([^/:\s]*)(?::([^/\s]*))?(\/\S*)?$/i;

function port(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text;
}

function handler(kind: string, rest: string): Partial<V1Probe> | null {
  switch (kind) {
    case 'http-get': {
      const url = HTTP_URL.exec(rest);
      if (!url) return null;
      return {
        httpGet: {
          scheme: (url[1] ?? 'http').toUpperCase(),
          ...(url[2] ? { host: url[2] } : {}),
          port: port(url[3] || (url[1]?.toLowerCase() === 'https' ? '443' : '80')),
          path: url[4] ?? '/',
        },
      };
    }
    case 'exec': {
      // kubectl prints the command as a Go list (`[sh -c exit 1]`); arguments that held spaces cannot be told apart.
      const inner = /^\[(.*)\]$/.exec(rest)?.[1] ?? rest;
      return { exec: { command: inner.split(/\s+/).filter(Boolean) } };
    }
    case 'tcp-socket': {
      const colon = rest.lastIndexOf(':');
      const host = colon > 0 ? rest.slice(0, colon) : '';
      return { tcpSocket: { ...(host ? { host } : {}), port: port(rest.slice(colon + 1)) } };
    }
    case 'grpc': {
      const match = /^\S*:(\d+)(?:\s+(\S+))?$/.exec(rest);
      if (!match?.[1]) return null;
      return { grpc: { port: Number(match[1]), ...(match[2] ? { service: match[2] } : {}) } };
    }
    default:
      return null;
  }
}

/**
 * Reads a probe as kubectl describe prints it:
 * `http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3`,
 * `exec [cat /tmp/ready] ...`, `tcp-socket :5432 ...`, `grpc <pod>:9000 svc ...`.
 * Returns null when the handler is not one of these.
 */
export function readProbeLine(text: string): V1Probe | null {
  const words = text.trim().split(/\s+/);
  const parameterStart = words.findIndex((w, i) => i > 0 && /^(?:delay|timeout|period|#success|#failure)=/.test(w));
  const head = parameterStart === -1 ? words : words.slice(0, parameterStart);
  const kind = head[0] ?? '';
  const probe: V1Probe = { ...handler(kind, head.slice(1).join(' ')) };
  if (Object.keys(probe).length === 0) return null;
  for (const word of parameterStart === -1 ? [] : words.slice(parameterStart)) {
    const [name = '', value = ''] = word.split('=');
    const field = PARAMETERS[name];
    const number = name.startsWith('#') ? Number(value) : durationSeconds(value);
    if (field && number !== null && Number.isFinite(number)) (probe as Record<string, unknown>)[field] = number;
  }
  return probe;
}
