import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { rulesCausesCommand } from '../src/cli/commands/rules-causes.js';
import { ROOT } from './helpers.js';

/*
 * `podmortem rules causes` is where a rule author looks up the cause vocabulary: the built-in
 * causes as they are, those a pack declares marked as such. Run in this process (the command the
 * binary runs), so the vocabulary's own code is what answers.
 */

const JVM_PACK = join(ROOT, 'examples/jvm-rules');

async function causesOutput(args: string[]): Promise<string> {
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += chunk.toString();
    return true;
  });
  expect(await rulesCausesCommand(args)).toBe(0);
  return out;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('podmortem rules causes', () => {
  it('marks only the causes a pack declares as declared by a pack', async () => {
    const lines = (await causesOutput(['--rules', JVM_PACK])).split('\n');
    expect(lines.find((l) => l.startsWith('oom-limit '))).toMatch(/^oom-limit +The container used more memory than its limit and the kernel killed it\.$/);
    expect(lines.find((l) => l.startsWith('other '))).toMatch(/^other +Something else is wrong\.$/);
    expect(lines.find((l) => l.startsWith('jvm-heap '))).toMatch(/^jvm-heap +The JVM ran out of heap.* \(declared by a pack\)$/);
  });

  it('says which are built in, in JSON', async () => {
    const causes = JSON.parse(await causesOutput(['--rules', JVM_PACK, '-o', 'json'])) as { cause: string; builtIn: boolean }[];
    expect(causes.find((c) => c.cause === 'oom-limit')?.builtIn).toBe(true);
    expect(causes.find((c) => c.cause === 'crashloop-unknown')?.builtIn).toBe(true);
    expect(causes.find((c) => c.cause === 'jvm-heap')?.builtIn).toBe(false);
  });
});
