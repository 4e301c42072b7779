import { describe, expect, it } from 'vitest';
import { eventsLines } from '../../src/ui/model/events-lines.js';
import type { Line } from '../../src/ui/model/line.js';
import { builtInDiagnoser } from '../helpers.js';
import { readOnePod } from '../support/read-paste.js';

/** The Events tab reads events as the diagnosis did: the same container for each, the owner's events too. */

const text = (lines: readonly Line[]) => lines.map((line) => line.map((s) => s.text).join('').trimEnd());

async function eventsTab(paste: string): Promise<string[]> {
  const incident = await readOnePod(paste, '2026-11-20T12:00:00Z');
  const facts = (await builtInDiagnoser()).facts(incident);
  return text(eventsLines(facts.context, null, 160));
}

describe('the Events tab', () => {
  it('names the container the diagnosis gave an event to, also one whose message names none (a pasted table of a one-container pod)', async () => {
    const rows = await eventsTab(
      '  2m\t2m\t1\t{kubelet n1}\tspec.containers{web}\tNormal\tStarted\tStarted container with docker id 1a2b\n  1m\t30s\t5\t{kubelet n1}\t\tWarning\tBackOff\tBack-off restarting failed docker container\n  1m\t30s\t5\t{kubelet n1}\t\tWarning\tFailedSync\tError syncing pod, skipping: failed to "StartContainer" for "web" with CrashLoopBackOff: "Back-off 40s restarting failed container=web pod=shop-0_default(aa)"\n',
    );
    expect(rows.find((r) => r.includes('BackOff'))).toMatch(/BackOff\s+web\s/);
    expect(rows.find((r) => r.includes('FailedSync'))).toMatch(/FailedSync\s+web\s/);
  });

  it('shows ? for the reason of a message pasted without one (kubelet writes a hook failure under either hook\'s reason)', async () => {
    const rows = await eventsTab('Exec lifecycle hook ([sh -c /hooks/warm.sh]) for Container "web" in Pod "web-0_shop(aa)" failed - error: command \'sh -c /hooks/warm.sh\' exited with 1: , message: ""\n');
    expect(rows.find((r) => r.includes('Exec lifecycle hook'))).toMatch(/Warning\s+\?\s+web\s.*Exec lifecycle hook/);
  });

  it('lists the owner\'s events joined to the pod under their own heading', async () => {
    const rows = await eventsTab(
      '2m   Normal    SuccessfulCreate   job/etl-nightly    Created pod: etl-nightly-8fj2k\n1m   Normal    Killing   pod/etl-nightly-8fj2k   Stopping container etl\n5s   Warning   DeadlineExceeded   job/etl-nightly    Job was active longer than specified deadline\n',
    );
    const owner = rows.indexOf('Owner');
    expect(owner).toBeGreaterThan(0);
    expect(rows.slice(owner).join('\n')).toMatch(/DeadlineExceeded\s+job\/etl-nightly\s+.*Job was active longer than specified deadline/);
    expect(rows.slice(0, owner).join('\n')).toMatch(/Killing\s+etl\s/);
  });
});
