import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

/*
 * The suite as Stryker runs it (`npm run test:mutation`): every test, except those that bound wall
 * time or time growth. Instrumented code is several times slower and the machine is shared, so
 * those would fail the initial run or time out on most mutants without saying anything about
 * behaviour; `npm test` keeps them. tmux drives the built CLI in a terminal: it never runs
 * mutated code.
 */
const WALL_CLOCK_TESTS = [
  'pathological pastes finish quickly',
  'request timeout',
  'bounded wait',
];

/**
 * MUTATION_TESTS=test/a.test.ts,test/b.test.ts runs only those files against each mutant: a
 * surviving mutant costs one run of every test that reaches it, the whole suite for core code,
 * which a loaded 2-core machine cannot afford for hundreds of mutants. The report then says what
 * those files catch.
 */
const only = process.env.MUTATION_TESTS?.split(',').filter(Boolean);

const config = mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ['test/redaction-linear.test.ts', 'test/tmux.test.ts'],
      testNamePattern: new RegExp(`^(?!.*(${WALL_CLOCK_TESTS.join('|')}))`),
    },
  }),
);
// mergeConfig appends arrays: the list replaces the base include instead.
if (only?.length) config.test!.include = only;

export default config;
