import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    setupFiles: ['tests/setup/no-console-error.ts'],
    // One fixed key for ID numbers, shared by the tests and the sites they start.
    env: { ID_NUMBER_KEY: 'dGVzdCBrZXkgZm9yIElEIG51bWJlcnMgLS0tLS0tLS0tLS0tLS0=' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit+integration',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'db/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          exclude: ['tests/integration/import-load.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // The files share one module graph per worker instead of loading the site's modules again for each
          // file (half the time went there); every test opens its own database, so nothing else is shared.
          isolate: false,
          // Two at once, whatever the machine (the default leaves one core idle), and before the browser journeys.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // Each file starts its own server and browser, after the rest; a journey waits on its server and its
          // browser in turn, so two files at once keep both cores busy (each test stays far inside its timeout).
          maxWorkers: 2,
          sequence: { groupOrder: 1 },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          // What the site's pages answer while an import runs is measured with nothing else on the machine:
          // beside another test file, its time is the other file's.
          name: 'load',
          include: ['tests/integration/import-load.test.ts'],
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          testTimeout: 120_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
