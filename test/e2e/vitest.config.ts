// Vitest config for the e2e suite only (npm run test:e2e and npm run fixtures:record run it
// via test/cluster/run-tests.sh --e2e). One real node serves every test, so the file runs in
// one fork; the timeouts allow for real back-offs and probe kills.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const e2eDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(e2eDir, '../..');

export default defineConfig({
  test: {
    root: repoRoot,
    include: ['test/e2e/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 240_000,
    hookTimeout: 120_000,
    env: {
      // test/cluster/helpers.ts reads the cluster from here; without it, tests skip.
      PODMORTEM_CLUSTER_ENV: process.env.PODMORTEM_CLUSTER_ENV ?? path.join(repoRoot, 'test/cluster/.run/env'),
    },
  },
});
