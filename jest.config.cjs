// One jest run for every package: browser-side code in jsdom, the server in node.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      transform: { react: { runtime: 'automatic' } },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

// ESM-only packages that jest must transform (allowlist); jest names any it meets that are missing.
const esmPackages = [
  '@cornerstonejs',
  '@kitware',
  'gl-matrix',
  'comlink',
  'loglevel',
  'dcmjs',
  'uuid',
  'content-disposition',
  'cookie',
  'rettime',
  '@open-draft',
  'until-async',
  '@mswjs',
  'outvariant',
  'strict-event-emitter',
  'headers-polyfill',
  'is-node-process',
].join('|');

const shared = {
  transform: { '^.+\\.(t|j)sx?$': swc, '^.+\\.mjs$': swc },
  // Matched against the innermost node_modules segment, so nested copies are covered too.
  transformIgnorePatterns: [`/node_modules/(?!.*/node_modules/)(?!(${esmPackages})/)`],
  moduleNameMapper: {
    '^@readingroom/platform-shim$': '<rootDir>/platform-shim/src/index.ts',
    // NodeNext sources import siblings with a .js suffix.
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'mjs', 'cjs', 'json'],
};

module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'browser',
      testEnvironment: 'jest-fixed-jsdom',
      roots: ['<rootDir>/platform-shim/src', '<rootDir>/extensions', '<rootDir>/modes'],
      testMatch: ['**/*.test.ts', '**/*.test.tsx'],
      testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    },
    {
      ...shared,
      displayName: 'server',
      testEnvironment: 'node',
      roots: ['<rootDir>/server-stub'],
      testMatch: ['**/*.test.ts'],
      // Tests of PostgreSQL-only code (the adapter, audit verify's COPY reader) need PostgreSQL:
      // they run in server-postgres only.
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/stores/db/openPostgresDatabase\\.test\\.ts$', '/test/ledger/copyOutOf\\.test\\.ts$'],
    },
    // The server's store, service and route tests again, on PostgreSQL (each app or store gets a
    // schema of its own; see server-stub/test/testDatabase.ts). Pure unit tests run once, above.
    {
      ...shared,
      displayName: 'server-postgres',
      testEnvironment: 'node',
      roots: ['<rootDir>/server-stub'],
      testMatch: ['<rootDir>/server-stub/test/**/*.test.ts', '<rootDir>/server-stub/src/stores/**/*.test.ts', '<rootDir>/server-stub/src/**/*.db.test.ts'],
      // The SQLite adapter's own tests and pure ones need no second run.
      testPathIgnorePatterns: ['/node_modules/', '/dist/', '/stores/db/(translatePlaceholders|openDatabase|openSqliteDatabase)\\.test\\.ts$'],
      globals: { READINGROOM_TEST_DATABASE: 'postgres' },
      setupFilesAfterEnv: ['<rootDir>/server-stub/test/postgresTestTimeout.ts'],
      globalSetup: '<rootDir>/server-stub/test/postgresGlobalSetup.ts',
    },
  ],
};
