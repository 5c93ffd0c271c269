/** Tests run TypeScript directly through swc (decorator metadata on, as type-graphql needs). */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

// Tests that need MariaDB itself (not just a database on it) run only when it is selected.
const mariadb = (process.env.TEST_DATABASES ?? 'sqlite,mariadb').split(',').includes('mariadb');

module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper: { '^@group/shared$': '<rootDir>/shared/src/index.ts', '^@group/shared/testing$': '<rootDir>/shared/src/testing/index.ts' },
  testMatch: ['<rootDir>/test/**/*.test.ts', '<rootDir>/shared/src/**/*.test.ts', '<rootDir>/subgraphs/*/src/**/*.test.ts', '<rootDir>/gateway/src/**/*.test.ts'],
  modulePathIgnorePatterns: ['<rootDir>/.*/dist/'],
  // The fault suite kills processes and restarts MariaDB (`npm run test:faults`, alone);
  // the browser tests need Chromium (`npm run test:browser`).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/faults/', '<rootDir>/test/browser/', ...(mariadb ? [] : ['<rootDir>/test/integration/replication'])],
  testTimeout: 60000,
  maxWorkers: 2,
  // Workers exit within a millisecond of Jest's "end" message (measured: IPC pipe the only handle
  // left), yet with the 500 ms default Jest reported "a worker process has failed to exit
  // gracefully" in most runs: the parent saw the exit late. A worker a leak really holds open is
  // still force-exited and reported, after 3 s.
  workerGracefulExitTimeout: 3000,
};
