// Mutation testing of the diagnosis core (model, facts, engine): `npm run test:mutation`.
// Tuned for a small shared machine: one worker; each mutant runs only the tests that executed it
// (perTest coverage, vitest's related files), from the test set vitest.stryker.config.ts chooses
// (in-process tests that can kill a core mutant, cheapest file first; MUTATION_TESTS=all for the
// whole suite); incremental mode reuses the last run's results for code and tests that did not
// change. 10,514 mutants take many hours here (docs/mutation.md): run a folder or a file,
// `npm run test:mutation -- --mutate 'src/model/**'`, and run it under `nice`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: true },
  coverageAnalysis: 'perTest',
  mutate: ['src/model/**/*.ts', 'src/engine/**/*.ts', 'src/facts/**/*.ts'],
  concurrency: 1,
  incremental: true,
  // A mutant reached while test files load (rule sets, fixtures and diagnosers built once and
  // shared) needs the whole suite per mutant: ~5 minutes each here. They are left out and the
  // report counts them as ignored.
  ignoreStatic: true,
  incrementalFile: 'reports/mutation/incremental.json',
  // The machine is shared: a mutant is a timeout only when it is far slower than the dry run.
  timeoutFactor: 3,
  timeoutMS: 15000,
  dryRunTimeoutMinutes: 30,
  reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportTests: false, reportMutants: true, reportScoreTable: true },
  ignorePatterns: ['bench/.data', 'test/cluster/.bin', 'test/cluster/.run', '.cache', 'reports'],
  tempDirName: '.stryker-tmp',
};
