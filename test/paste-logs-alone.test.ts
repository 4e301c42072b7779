import { describe, expect, it } from 'vitest';
import { builtInDiagnoser } from './helpers.js';
import { readPaste } from './support/read-paste.js';

/*
 * A program's own log is what people paste most often after describe: alone, under the
 * `kubectl logs` line that named its pod, or in a block of its own beside a cut description.
 * Made-up logs in the shapes real tickets show; the finding quotes the error and says the pod's
 * state was not shown, never that the pod is healthy or that the paste was unreadable.
 */

const CAPTURED = '2026-11-20T12:00:00Z';

async function topOf(text: string) {
  const incidents = await readPaste(text, CAPTURED);
  expect(incidents).toHaveLength(1);
  const incident = incidents[0]!;
  const top = (await (await builtInDiagnoser()).diagnose(incident)).findings[0];
  return { incident, top };
}

describe('a kubectl logs line and what it printed', () => {
  it('an error in the program\'s own words is read under the pod the command names', async () => {
    const { incident, top } = await topOf(
      ['$ kubectl -n billing logs invoicer-7c9d8f6b5-q2w4e', '[I 2026-11-20 11:58:01.211 invoicer] loading settings', '[E 2026-11-20 11:58:01.212 invoicer] ValueError: INVOICE_BUCKET must be set'].join('\n'),
    );
    expect(incident.pod.metadata?.name).toBe('invoicer-7c9d8f6b5-q2w4e');
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'log-error-state-unknown', cause: 'app-error' });
    expect(top?.title).toContain('ValueError: INVOICE_BUCKET must be set');
  });

  it('a log without any error is still refused with the advice to paste the pod\'s state', async () => {
    await expect(readPaste('$ kubectl logs invoicer-7c9d8f6b5-q2w4e\n[I 2026-11-20 11:58:01.211 invoicer] listening on :8080\n')).rejects.toThrow(/holds only kubectl logs output/);
  });
});

describe('logs alone', () => {
  it("a CLI's refusal of its flag, printed with its usage text, is a flag the image does not know", async () => {
    const log = ['flag provided but not defined: -log-json', 'Usage:', '  -config-file string', '        Path to a config file. Please see the help for details.', '  -h, --help   help for webhook'].join('\n');
    const { incident, top } = await topOf(`${log}\n`);
    expect(top?.rule).toBe('log-error-state-unknown');
    expect(incident.missing[0]).toContain('does not know a command-line flag it was given');
  });

  it('a glog error about file descriptors names what ran out', async () => {
    const log = ['I1202 21:00:27.386107       1 server.go:285] Start server', 'E1202 21:00:27.392516       1 manager.go:146] Failed to serve plugin: too many open files'].join('\n');
    const { incident, top } = await topOf(`${log}\n`);
    expect(top?.title).toContain('too many open files');
    expect(incident.missing[0]).toContain('ran out of file descriptors');
  });

  it("a glog file name holding a level word (`app.INFO.20261120`) is no INFO line: the error in it is the decisive line", async () => {
    const line = 'log: exiting because of error: log: cannot create log: open /tmp/relay.host.nobody.log.INFO.20261120-115901.1: permission denied';
    const { top } = await topOf(`$ kubectl logs relay-6d9566657c-27cmd\n...\n${line}\n`);
    expect({ rule: top?.rule, title: top?.title }).toEqual({ rule: 'log-error-state-unknown', title: `container <container>'s log shows it failing: ${line}` });
  });
});

describe('a shell that cannot open a file it redirects to', () => {
  it("is the file's permission, not a command that is not executable", async () => {
    const text = ['NAME                     READY   STATUS             RESTARTS   AGE', 'tutorial-54ff5f7f48-jzwj8   0/1     CrashLoopBackOff   12         41m', '$ kubectl logs tutorial-54ff5f7f48-jzwj8', "/bin/sh: can't create /var/log/tutorial.log: Permission denied"].join('\n');
    const { top } = await topOf(text);
    expect(top?.cause).toBe('app-error');
    expect(top?.rule).not.toBe('not-executable');
  });

  it('while its refusal to run a script still is a script that is not executable', async () => {
    const text = ['NAME                     READY   STATUS             RESTARTS   AGE', 'tutorial-54ff5f7f48-jzwj8   0/1     CrashLoopBackOff   12         41m', '$ kubectl logs tutorial-54ff5f7f48-jzwj8', '/bin/sh: /start.sh: Permission denied'].join('\n');
    expect((await topOf(text)).top?.cause).toBe('not-executable');
  });
});

describe('program output in a block of its own above a description cut above its containers', () => {
  const text = [
    '2026-11-20T11:58:11.102158730+02:00 Error: lstat /var/lib/postgresql/data/pgdata/pg_wal: no such file or directory',
    '',
    'Name:             ledger-db-1',
    'Namespace:        billing',
    'Node:             node-02/192.168.40.102',
    'Start Time:       Fri, 20 Nov 2026 11:56:56 +0100',
  ].join('\n');

  it("is a log of one of the pod's containers, which one unknown: its error is the finding", async () => {
    const { incident, top } = await topOf(text);
    expect(incident.pod.metadata?.name).toBe('ledger-db-1');
    expect(incident.logs).toEqual([{ container: '<container>', current: '2026-11-20T11:58:11.102158730+02:00 Error: lstat /var/lib/postgresql/data/pgdata/pg_wal: no such file or directory' }]);
    expect(incident.missing.join('\n')).toContain("the description shows none of the pod's containers: the program output pasted with it was read as the log of one of them, <container>");
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'log-error-state-unknown', cause: 'app-error' });
  });
});

describe('output beside a pod of several containers that names none of them', () => {
  const events = (rows: string[]) =>
    ['Events:', '  Type    Reason     Age   From               Message', '  ----    ------     ----  ----               -------', ...rows.map((r) => `  ${r}`)].join('\n');
  const started = events([
    'Normal  Scheduled  3m    default-scheduler  Successfully assigned media/transcoder-5d8c7f9b6-k2m4p to node-3',
    'Normal  Created    3m    kubelet            Created container fetch-codecs',
    'Normal  Started    3m    kubelet            Started container fetch-codecs',
    'Normal  Created    2m    kubelet            Created container transcoder',
    'Normal  Started    2m    kubelet            Started container transcoder',
  ]);

  it("a runtime's exec failure is a sign of failure the finding quotes, never a healthy pod", async () => {
    const line = 'OCI runtime exec failed: exec failed: unable to start container process: exec: "pgrep -f ffmpeg": executable file not found in $PATH: unknown';
    const { top } = await topOf(`${line}\n\n${started}\n`);
    expect(top?.rule).toBe('unexplained-failure');
    expect(top?.title).toContain('exec: "pgrep -f ffmpeg": executable file not found');
    expect(top?.title).toContain('from a container it does not name');
  });

  it('output that reports no error leaves nothing to quote', async () => {
    const { incident, top } = await topOf(`transcoder ready, 4 workers\n\n${started}\n`);
    expect(incident.unplacedOutputFailure).toBeUndefined();
    expect(top).toBeUndefined();
  });
});

describe('a script traced with set -x', () => {
  it("a traced command's complaint in its own words is the error, and a heading the script underlined is no describe key", async () => {
    const log = ['Environment:', '------------', 'TUNNEL_DEVICE=wg0', 'ROUTE_TABLE=200', '', '+ ip link add wg0 type wireguard', '+ ip route add 10.40.0.0/16 dev wg0 table 200', 'ip: RTNETLINK answers: File exists', '+ dump_state', '+ ip route show table 200'].join('\n');
    const { incident, top } = await topOf(`${log}\n`);
    expect(incident.pod.status).toBeUndefined();
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'log-error-state-unknown', cause: 'app-error' });
    expect(top?.title).toContain('ip: RTNETLINK answers: File exists');
  });

  it('a trace whose commands complain of nothing is still refused', async () => {
    await expect(readPaste('+ ip link add wg0 type wireguard\n+ ip route add 10.40.0.0/16 dev wg0 table 200\n+ echo done\ndone\n', CAPTURED)).rejects.toThrow(/not kubectl output podmortem can read/);
  });
});

describe('logs in the formats of common servers and runtimes', () => {
  it.each([
    ['nginx, one [emerg] line', 'nginx: [emerg] unknown directive "proxy_pas" in /etc/nginx/conf.d/api.conf:7', 'unknown directive "proxy_pas"'],
    ['.NET, an unhandled exception and its frames', "Unhandled exception. System.InvalidOperationException: Unable to resolve service for type 'IClock'.\n   at Microsoft.Extensions.DependencyInjection.ServiceLookup.CallSiteFactory.CreateArgumentCallSites(Type implementationType)\n   at Program.<Main>$(String[] args) in /src/Program.cs:line 21", "Unable to resolve service for type 'IClock'"],
    ['Ruby, an uncaught error and its backtrace', "/srv/app/lib/billing.rb:40:in `charge': undefined method `amount' for nil:NilClass (NoMethodError)\n\tfrom /srv/app/bin/worker:9:in `<main>'", "undefined method `amount' for nil:NilClass"],
    ['PHP, a fatal error', 'PHP Fatal error:  Allowed memory size of 134217728 bytes exhausted (tried to allocate 20480 bytes) in /var/www/app/src/Export.php on line 88', 'Allowed memory size of 134217728 bytes exhausted'],
    ['Elixir, a raised error', '** (ArgumentError) could not fetch environment variable "SECRET_KEY_BASE" because it is not set\n    (elixir 1.16.0) lib/system.ex:706: System.fetch_env!/1', 'could not fetch environment variable "SECRET_KEY_BASE"'],
  ])('%s is read and its error quoted', async (_shape, log, quoted) => {
    const { top } = await topOf(`${log}\n`);
    expect({ rule: top?.rule, cause: top?.cause }).toEqual({ rule: 'log-error-state-unknown', cause: 'app-error' });
    expect(top?.title).toContain(quoted);
  });
});
