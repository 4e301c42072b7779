/** Types of install-recordings.mjs (a plain script run-tests.sh --record calls; tests import it). */
import type { TestCase } from '../../src/engine/test-case.js';

export function keepHandKeptFields(recorded: TestCase, previous: unknown, name?: string, notes?: string[]): TestCase;
export function installRecordings(recordedDir: string, fixturesDir: string, options?: { all?: boolean }): { names: string[]; notes: string[] };
