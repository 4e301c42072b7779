import { relative } from 'node:path';
import { defineConfig, mergeConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from './vitest.config.js';

/*
 * The suite as Stryker runs it (`npm run test:mutation`). A mutant runs every test that executed
 * it, so a test file costs its load plus its covering tests for each mutant it reaches, and a
 * surviving mutant in widely used core code runs them all. The default set is the in-process
 * tests that can kill a core mutant; these files are left out (docs/mutation.md has the measured
 * cost and the sampled check that the set kills what the whole suite kills):
 */
const NEVER_UNDER_STRYKER = [
  // Wall time and growth: several times slower when instrumented, they say nothing about behaviour
  // and would time out; `npm test` keeps them.
  'test/redaction-linear.test.ts',
  'test/parsers-linear.test.ts',
  'test/paste-readers-linear.test.ts',
  // tmux drives the built CLI in a terminal; the start script checks that the sources match the
  // build, which instrumented sources never do (it fails the initial run).
  'test/tmux.test.ts',
  'test/start-script.test.ts',
];
const NOT_FOR_MUTANTS = [
  ...NEVER_UNDER_STRYKER,
  // They drive the built CLI (`dist/`) in child processes, which never runs the mutated code.
  'test/cli-*.test.ts',
  'test/describe-cli.test.ts',
  'test/facts-command.test.ts',
  'test/hostile-files.test.ts',
  'test/live-failures.test.ts',
  'test/live-hostile.test.ts',
  'test/packaging.test.ts',
  'test/replay-pool.test.ts',
  'test/rules-test-command.test.ts',
  // Output safety over every fixture (no crash, no raw control byte, no secret in any output, in
  // the CLI as in-process): seconds per mutant, and they assert on src/report and src/sources.
  'test/fuzz-inputs.test.ts',
  'test/injection-corpus.test.ts',
  'test/secrets-corpus.test.ts',
  // Ink frames of findings the core already produced; test/ui/ui-model.test.ts and
  // events-tab.test.ts keep the UI's own use of the model.
  'test/ui/*.test.tsx',
  'test/ui/lazy-load.test.ts',
  'test/ui/terminal-and-filter.test.ts',
];

/* Named tests that bound wall time or time growth, inside files that are kept. */
const WALL_CLOCK_TESTS = [
  'pathological pastes finish quickly',
  'pathological pastes are read in linear time',
  'request timeout',
  'bounded wait',
];

/**
 * Cheapest test files first (by their last duration): Stryker stops at the first failing test, so
 * a mutant that a quick unit test kills never waits for the slow files. Order changes no verdict.
 */
class CheapFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const cache = this.ctx.cache;
    const cost = (spec: TestSpecification): number => {
      const key = `${spec.project.name}:${relative(this.ctx.config.root, spec.moduleId)}`;
      return cache.getFileTestResults(key)?.duration ?? cache.getFileStats(key)?.size ?? 0;
    };
    return [...files].sort((a, b) => cost(a) - cost(b));
  }
}

/*
 * MUTATION_TESTS=all runs the whole suite (less the wall-clock tests) against each mutant, as a
 * check of the default set; MUTATION_TESTS=test/a.test.ts,test/b.test.ts runs only those files.
 */
const only = process.env.MUTATION_TESTS?.split(',').filter(Boolean);
const whole = only?.length === 1 && only[0] === 'all';

const config = mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: whole ? NEVER_UNDER_STRYKER : NOT_FOR_MUTANTS,
      testNamePattern: new RegExp(`^(?!.*(${WALL_CLOCK_TESTS.join('|')}))`),
      sequence: { sequencer: CheapFirstSequencer },
    },
  }),
);
// mergeConfig appends arrays: the list replaces the base include instead.
if (only?.length && !whole) config.test!.include = only;

export default config;
