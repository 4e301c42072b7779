import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx', 'src/**/*.test.ts', 'src/**/*.test.tsx'],
    exclude: ['test/cluster/**', 'test/e2e/**', 'node_modules/**', 'dist/**'],
    testTimeout: 20000,
  },
});
