export const VERSION = '0.1.0';

export const HELP = `podmortem ${VERSION}: why is this Kubernetes pod failing, with the evidence, and what to do next.

Usage:
  podmortem replay FILE|DIR|- ...   diagnose recorded evidence: podmortem bundles, kubectl get -o json|yaml
                                    (pods, events, nodes, services), kubectl describe text
  podmortem gallery                 the bundled incident gallery (what npm start opens)
  podmortem diagnose POD            gather a pod's evidence from the cluster and diagnose it; POD may be
                                    deploy/NAME, sts/NAME, ds/NAME, job/NAME or rs/NAME (its unhealthy pods)
                                    -w, --watch: diagnose again on every change, print when it changes
  podmortem scan [-A] [-l SELECTOR] every pod in scope; unhealthy ones worst first, one root cause each
                                    (--all lists healthy pods too)
  podmortem record POD -f FILE      write a bundle replay reads (env values dropped, secrets redacted)
                                    --watch DURATION: a snapshot per change until DURATION or Ctrl-C
  podmortem rules list              active rules: id, cause, severity, scope, where each came from
  podmortem rules show ID           one rule: conditions, explanation, evidence, remediation
  podmortem rules lint [PATH...]    check rule files (default: built-in + configured); exit 1 on problems
  podmortem rules test [PATH...]    run a pack's test cases (default: built-in pack vs fixtures/)
  podmortem rules new ID --from INCIDENT [--container NAME] [--cause CAUSE] [-o DIR]
                                    scaffold DIR/ID.json and DIR/tests/ID/ from real evidence
  podmortem rules operators|causes  what conditions can compare with; the causes a rule may name
  podmortem facts [INCIDENT...]     every fact a rule can use, or the facts of real evidence
                                    (--container NAME, -o json)
  podmortem help                    this text

Output (replay, gallery):
  -o, --output text|json|markdown|summary
                                    report format; without -o a terminal opens the interactive UI (? lists its keys),
                                    anything else gets text; summary: one line per pod (cause, evidence, a command);
                                    -o ui opens the UI even when stdout is captured
                                    (cmd=$(podmortem replay pod.yaml -o ui): P prints the selected command)
      --short                       -o summary
      --fail-on warning|critical    exit 1 when a finding is at or above this severity
      --no-color                    no colours (also NO_COLOR=1)

Replay input:
      --logs CONTAINER=FILE         previous-instance log of a container (repeatable)
      --captured-at TIME            when the evidence was captured (ISO time); default: its latest timestamp
      --max-input-size SIZE         the most read from one file or standard input, e.g. 8Gi (default 4Gi;
                                    also PODMORTEM_MAX_INPUT_SIZE); kubectl JSON is read one item at a time,
                                    YAML and pasted text whole up to 16Mi

Cluster (diagnose, scan, record; also as kubectl podmortem ...):
  -n, --namespace NS                default: the context's namespace
  -A, --all-namespaces              scan every namespace
      --context NAME                kubeconfig context; default: the current one
      --kubeconfig FILE             default: $KUBECONFIG (several files merged), ~/.kube/config, in-cluster
      --request-timeout DURATION    per API request and credential plugin, e.g. 10s (default), 1m; 0 waits forever
      --max-response-size SIZE      the most one API answer may hold (default 128Mi; PODMORTEM_MAX_RESPONSE_SIZE)
      --force                       record: replace an existing -f FILE
  -o, --fail-on, --no-color, --rules as for replay; podmortem only reads (get, list, watch)

Rules:
      --rules PATH                  extra rule file or folder (repeatable)
                                    also read: $PODMORTEM_RULES (paths, ':'-separated) and
                                    $XDG_CONFIG_HOME/podmortem/rules (~/.config/podmortem/rules)
      --strict                      a bad rule file is fatal (exit 2), not skipped with a warning
                                    (docs/rules.md: writing, linting and testing rules)

  --debug                           show stack traces for unexpected errors
  -h, --help, --version

Exit status: 0 diagnosis done (findings or not), 1 findings at --fail-on severity, 2 bad usage or unreadable input,
3 a scan the API server failed part way through (the report is labelled partial).
`;
