// Logs are written by the workload and pasted by strangers: no log pattern may backtrack
// catastrophically. `^\s*throw er;` under the m flag once spanned every later blank line from
// every line start: 400,000 characters of " \n" took 93 s. Each shape below repeats prefixes of
// the log patterns without completing one, and the whole diagnosis of a crashed container with
// that log must grow linearly (see support/linear-growth.ts for how that is timed).
import { describe, expect, it } from 'vitest';
import { matchSignatures } from '../src/facts/log-signatures.js';
import type { Incident } from '../src/model/incident.js';
import { builtInDiagnoser } from './helpers.js';
import { ago, makeIncident, makePod } from './build-incident.js';
import { growthRatio, growthRatioAsync, LINEAR_BOUND } from './support/linear-growth.js';

const repeat = (piece: string) => (size: number) => piece.repeat(Math.ceil(size / piece.length)).slice(0, size);

const SHAPES: Record<string, (size: number) => string> = {
  'a banner, then blank lines of one space': (size) => `${'*'.repeat(30)}${' \n'.repeat(size / 2)}`,
  'lines of spaces only': repeat('        \n'),
  'one long line of spaces': (size) => ' '.repeat(size),
  'exception heads without a stack frame': repeat('java.lang.IllegalStateError: x\n \n'),
  'runtime exec prefixes that never finish': repeat('a: b: c: d: e: '),
  'go panics without a goroutine': repeat('panic: \n\t\n'),
  'python traceback heads': repeat('Traceback (most recent call last):\n  File "'),
  'error words on every line': repeat('ERROR failed: cannot connect\n'),
  'one long line of word characters': (size) => 'x'.repeat(size),
  'kube-probe request lines whose fields never finish': repeat('kube-probe/1 "GET /a HTTP/1 path:path=status: '),
};

function crashedWithLog(log: string): Incident {
  const pod = makePod({
    spec: { containers: [{ name: 'app', image: 'registry.example.com/web:1.0' }] },
    status: {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'app',
          image: 'registry.example.com/web:1.0',
          imageID: '',
          ready: false,
          restartCount: 4,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 1m20s restarting failed container=app' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(100), finishedAt: ago(90) } },
        },
      ],
    },
  });
  return { ...makeIncident({ pod }), logs: [{ container: 'app', previous: log }] };
}

describe('log patterns take time linear in the log', () => {
  for (const [name, make] of Object.entries(SHAPES)) {
    it(`signatures: ${name}`, () => {
      expect(growthRatio((text: string) => matchSignatures(text), make, 20_000)).toBeLessThan(LINEAR_BOUND);
    });
  }

  it('the whole diagnosis of a crashed container, for every shape', async () => {
    const diagnoser = await builtInDiagnoser();
    for (const make of Object.values(SHAPES)) {
      const ratio = await growthRatioAsync((incident: Incident) => diagnoser.diagnose(incident), (size) => crashedWithLog(make(size)), 20_000);
      expect(ratio).toBeLessThan(LINEAR_BOUND);
    }
  }, 120_000);
});
