import type { PodEvent } from '../model/event.js';
import { podFact, podField } from './definition.js';
import { classifySandboxFailure, cniPluginNamedIn } from './classify-sandbox.js';
import { citeOpenFailure, fromOpenFailure, openFailures } from './pod-queries.js';
import { sumCounts } from './event-queries.js';

/**
 * NetworkNotReady is kubelet refusing to start the sandbox before the CNI is up: the same failure,
 * earlier. Kubelets before 1.10 said it as a sync error (`FailedSync: Error syncing pod, skipping:
 * network is not ready: [...]`; pastes that lost spaces show `Errorsyncing`), and 1.3-1.5 said a
 * failed network setup as the sync step that failed (`failed to "SetupNetwork" for "web-0_shop" with
 * SetupNetworkError: "Failed to setup network for pod ... using network plugins \"cni\": ..."`).
 */
const NETWORK_SYNC_ERROR = /^Error\s*syncing pod(?:, skipping)?: (?:network is not ready\b|failed to "SetupNetwork" for )/i;
const sandboxFailure = (e: PodEvent) => e.reason === 'FailedCreatePodSandBox' || e.reason === 'NetworkNotReady' || (e.reason === 'FailedSync' && NETWORK_SYNC_ERROR.test(e.message));

export const SANDBOX_FACTS = [
  podFact({
    name: 'sandboxFailures',
    type: 'number',
    description: 'FailedCreatePodSandBox and NetworkNotReady events (counts summed) that still hold the pod back: 0 once a container runs or started after them.',
    example: 14,
    compute: (p) => sumCounts(openFailures(p, sandboxFailure)),
    cite: citeOpenFailure(sandboxFailure),
  }),
  podFact({
    name: 'sandboxRecreations',
    type: 'number',
    description: "SandboxChanged events (counts summed): kubelet found the pod's sandbox dead or changed and killed and re-created it, with every container in it. Once after a node reboot is normal; again and again is a runtime, cgroup or CNI problem.",
    example: 12,
    compute: (p) => sumCounts(p.events, (e) => e.reason === 'SandboxChanged'),
    cite: (p, value) => {
      const latest = p.events.findLast((e) => e.reason === 'SandboxChanged');
      return latest && Number(value) > 0 ? { source: `event ${latest.source || 'kubelet'}`, text: `Normal SandboxChanged (x${String(value)}): ${latest.message}` } : null;
    },
  }),
  podFact({
    name: 'sandboxFailureMessage',
    type: 'string',
    description: 'The latest FailedCreatePodSandBox / NetworkNotReady message.',
    example: 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "4f1c...": plugin type="calico" failed (add): ...',
    compute: fromOpenFailure(sandboxFailure, (message) => message),
  }),
  podFact({
    name: 'sandboxProblem',
    type: 'string',
    description: 'What kind of sandbox failure: `ip-exhaustion` (no pod IP left), `cni-not-ready`, `cni-plugin-missing`, `cni-error`, `sandbox-image` (pause image), `runtime-handler` (RuntimeClass), `runtime-error`.',
    example: 'ip-exhaustion',
    compute: fromOpenFailure(sandboxFailure, classifySandboxFailure),
  }),
  podFact({
    name: 'cniPlugin',
    type: 'string',
    description: 'The CNI plugin a sandbox failure names, e.g. `calico`, `aws-cni`, `flannel`.',
    example: 'calico',
    compute: fromOpenFailure(sandboxFailure, cniPluginNamedIn),
  }),
  podFact({
    name: 'runtimeClassName',
    type: 'string',
    description: 'spec.runtimeClassName; null for the default runtime.',
    example: 'gvisor',
    compute: (p) => p.pod.spec?.runtimeClassName ?? null,
    cite: podField('spec.runtimeClassName'),
  }),
];
