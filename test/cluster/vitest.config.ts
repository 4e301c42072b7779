// Vitest config for the cluster suite only (npm run test:cluster runs it via
// run-tests.sh). Tests share one control plane and its seeded objects, so the
// files run one at a time in one fork, with timeouts for a real API server.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const clusterDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(clusterDir, '../..');

export default defineConfig({
  test: {
    root: repoRoot,
    include: ['test/cluster/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'test/cluster/.bin/**', 'test/cluster/.run/**'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: {
      // helpers.ts reads the control plane from here; without it, tests skip.
      PODMORTEM_CLUSTER_ENV: process.env.PODMORTEM_CLUSTER_ENV ?? path.join(clusterDir, '.run', 'env'),
    },
  },
});
