// `npm run fixtures:record` installs a new recording over fixtures/recorded/ with
// test/cluster/install-recordings.mjs. The e2e suite writes each podmortem-test.json from the
// workload's declared expectation only, so the fields people add by hand (partialEvidence
// exceptions for the evidence-ablation test, absent, allowOtherCritical) must be carried over
// from the previous expected file, never erased. These run the script as run-tests.sh does.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import type { PodExpectation, TestCase } from '../src/engine/test-case.js';
import { testCaseProblem } from '../src/engine/test-case.js';
import { FIXTURES, ROOT } from './helpers.js';

const SCRIPT = join(ROOT, 'test/cluster/install-recordings.mjs');
const HAND_KEPT = ['absent', 'allowOtherCritical', 'partialEvidence'] as const;

const EVENTS_ONLY = {
  notShown: ['container-state', 'logs'],
  accept: ['crashloop-unknown'],
  because: 'the events of an app error show only BackOff: the exit code and the log line are in the container state',
};

let temp = '';
afterEach(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
  temp = '';
});

function folder(root: string, name: string, testCase: unknown, bundle = '{"bundle": 1}\n'): void {
  mkdirSync(join(root, name), { recursive: true });
  writeFileSync(join(root, name, 'podmortem-test.json'), `${JSON.stringify(testCase, null, 2)}\n`);
  writeFileSync(join(root, name, 'bundle.json'), bundle);
}

const read = (root: string, name: string, file = 'podmortem-test.json') => readFileSync(join(root, name, file), 'utf8');
const readCase = (root: string, name: string) => JSON.parse(read(root, name)) as TestCase;

async function install(recorded: string, fixtures: string, all: boolean): Promise<{ stderr: string }> {
  const { stderr } = await promisify(execFile)(process.execPath, [SCRIPT, recorded, fixtures, ...(all ? ['--all'] : [])]);
  return { stderr };
}

function trees(): { recorded: string; fixtures: string } {
  temp = mkdtempSync(join(tmpdir(), 'podmortem-install-'));
  return { recorded: join(temp, 'recorded'), fixtures: join(temp, 'fixtures') };
}

const appError = (description: string): TestCase => ({
  description,
  expect: [{ rootCause: { rule: 'app-error-exit', cause: 'app-error', container: 'app' }, findings: [{ rule: 'crashloop-backoff', container: 'app', causedBy: 'app-error-exit/app' }] }],
});

describe('fixtures:record keeps what was written by hand in an expected file', () => {
  it('a full re-recording keeps partialEvidence, absent and allowOtherCritical, takes everything else from the recording and drops workloads that are gone', async () => {
    const { recorded, fixtures } = trees();
    const kept = { ...appError('old words').expect[0]!, absent: ['oom-killed'], allowOtherCritical: true, partialEvidence: [EVENTS_ONLY] };
    folder(fixtures, 'app-error-crashloop', { description: 'old words', expect: [kept] }, '{"old": true}\n');
    folder(fixtures, 'workload-gone', appError('gone'));
    folder(recorded, 'app-error-crashloop', appError('new words'), '{"new": true}\n');
    folder(recorded, 'oom-killed-limit', { description: 'oom', expect: [{ rootCause: { rule: 'oom-killed' } }] });

    const { stderr } = await install(recorded, fixtures, true);

    expect(readdirSync(fixtures).sort()).toEqual(['app-error-crashloop', 'oom-killed-limit']);
    const testCase = readCase(fixtures, 'app-error-crashloop');
    expect(testCase.description).toBe('new words');
    expect(testCase.expect).toEqual([{ ...appError('new words').expect[0], absent: ['oom-killed'], allowOtherCritical: true, partialEvidence: [EVENTS_ONLY] }]);
    expect(testCaseProblem(testCase)).toBeNull();
    expect(read(fixtures, 'app-error-crashloop', 'bundle.json')).toBe('{"new": true}\n');
    expect(readCase(fixtures, 'oom-killed-limit')).toEqual({ description: 'oom', expect: [{ rootCause: { rule: 'oom-killed' } }] });
    expect(stderr).toBe('');
  });

  it('what the recording writes wins over the old file: a field the workload now declares is not overwritten', async () => {
    const { recorded, fixtures } = trees();
    folder(fixtures, 'w', { expect: [{ rootCause: { rule: 'oom-killed' }, absent: ['old-rule'], partialEvidence: [EVENTS_ONLY] }] });
    folder(recorded, 'w', { expect: [{ rootCause: { rule: 'oom-killed' }, absent: ['new-rule'] }] });
    await install(recorded, fixtures, true);
    expect(readCase(fixtures, 'w').expect).toEqual([{ rootCause: { rule: 'oom-killed' }, absent: ['new-rule'], partialEvidence: [EVENTS_ONLY] }]);
  });

  it('keeps the old file\'s key order, so re-recording an unchanged workload leaves the file as it was', async () => {
    const { recorded, fixtures } = trees();
    const handWritten = { description: 'd', expect: [{ partialEvidence: [EVENTS_ONLY], rootCause: { rule: 'oom-killed' }, findings: [{ rule: 'crashloop-backoff' }] }] };
    folder(fixtures, 'w', handWritten);
    folder(recorded, 'w', { description: 'd', expect: [{ rootCause: { rule: 'oom-killed' }, findings: [{ rule: 'crashloop-backoff' }] }] });
    await install(recorded, fixtures, true);
    expect(read(fixtures, 'w')).toBe(`${JSON.stringify(handWritten, null, 2)}\n`);
  });

  it('a filtered re-recording (-t NAME) changes only what it recorded, and keeps its hand-kept fields too', async () => {
    const { recorded, fixtures } = trees();
    folder(fixtures, 'a', { expect: [{ rootCause: { rule: 'app-error-exit' }, partialEvidence: [EVENTS_ONLY] }] });
    folder(fixtures, 'b', appError('untouched'), '{"b": 1}\n');
    folder(recorded, 'a', { expect: [{ rootCause: { rule: 'app-error-exit' } }] });
    await install(recorded, fixtures, false);
    expect(readCase(fixtures, 'a').expect[0]?.partialEvidence).toEqual([EVENTS_ONLY]);
    expect(read(fixtures, 'b', 'bundle.json')).toBe('{"b": 1}\n');
    expect(readCase(fixtures, 'b')).toEqual(appError('untouched'));
  });

  it('matches expectations by pod when they name one, else by place', async () => {
    const { recorded, fixtures } = trees();
    const pe = (cause: string) => [{ ...EVENTS_ONLY, accept: [cause] }];
    folder(fixtures, 'fleet', {
      expect: [
        { pod: 'ns/web', rootCause: null, partialEvidence: pe('web') },
        { pod: 'ns/db', rootCause: { rule: 'oom-killed' }, partialEvidence: pe('db') },
      ],
    });
    folder(recorded, 'fleet', { expect: [{ pod: 'ns/db', rootCause: { rule: 'oom-killed' } }, { pod: 'ns/new', rootCause: null }, { pod: 'ns/web', rootCause: null }] });
    await install(recorded, fixtures, true);
    const byPod = Object.fromEntries(readCase(fixtures, 'fleet').expect.map((e: PodExpectation) => [e.pod, e.partialEvidence?.[0]?.accept]));
    expect(byPod).toEqual({ 'ns/db': ['db'], 'ns/new': undefined, 'ns/web': ['web'] });
  });

  it('keeps an exception beside a root cause that changed, and says it needs a look', async () => {
    const { recorded, fixtures } = trees();
    folder(fixtures, 'probe', { expect: [{ rootCause: { rule: 'liveness-probe-kill' }, partialEvidence: [EVENTS_ONLY] }] });
    folder(recorded, 'probe', { expect: [{ rootCause: { rule: 'startup-probe-kill' } }] });
    const { stderr } = await install(recorded, fixtures, true);
    expect(readCase(fixtures, 'probe').expect[0]?.partialEvidence).toEqual([EVENTS_ONLY]);
    expect(stderr).toContain('fixtures:record: probe: kept partialEvidence written for root cause {"rule":"liveness-probe-kill"}, now {"rule":"startup-probe-kill"}: check them');
  });

  it('a first recording, or a broken old file, is installed as recorded', async () => {
    const { recorded, fixtures } = trees();
    folder(recorded, 'new', appError('new'));
    folder(recorded, 'broken', appError('fixed'));
    mkdirSync(join(fixtures, 'broken'), { recursive: true });
    writeFileSync(join(fixtures, 'broken', 'podmortem-test.json'), '{"expect": [');
    await install(recorded, fixtures, true);
    expect(readCase(fixtures, 'new')).toEqual(appError('new'));
    expect(readCase(fixtures, 'broken')).toEqual(appError('fixed'));
  });

  it('re-recording the real fixtures/recorded/ as the suite writes them gives back every expected file byte for byte', async () => {
    const { recorded, fixtures } = trees();
    const real = join(FIXTURES, 'recorded');
    cpSync(real, fixtures, { recursive: true });
    // What the e2e suite writes: the workload's description and declared expectation, no hand-kept fields.
    for (const name of readdirSync(real)) {
      const testCase = readCase(real, name);
      const declared = testCase.expect.map((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !(HAND_KEPT as readonly string[]).includes(k))));
      folder(recorded, name, { ...testCase, expect: declared }, read(real, name, 'bundle.json'));
    }
    await install(recorded, fixtures, true);
    for (const name of readdirSync(real)) expect(read(fixtures, name), name).toBe(read(real, name));
    expect(existsSync(join(fixtures, 'app-error-crashloop', 'bundle.json'))).toBe(true);
  });
});
