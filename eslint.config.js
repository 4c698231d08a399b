// Lint keeps the boundaries STYLE.md draws: data flows one way (simulator → edge → db →
// server → client), and each outside library with a wide surface stays inside the one module
// that owns it. Type-checking is tsc's job; this is about who may import what.
//
// Every file of a package gets its package's boundary. A module that owns a library gets the
// same boundary with only that library lifted; tests keep the one-way flow (nothing upstream
// imports anything downstream) and may import any library they need. test/ spans the pieces.
import tseslint from 'typescript-eslint';

const RULE = '@typescript-eslint/no-restricted-imports';
const ALL_SOURCES = ['**/*.ts', '**/*.tsx'];

/**
 * The config objects of one package: `patterns` hold everywhere in it; each of `libraries` is
 * allowed only in its `owners`; tests are held to `testPatterns` alone. Later objects win, so
 * an owner or a test is covered by its own object and nothing is left out.
 */
function boundary({ files, patterns, libraries = [], tests = [], testPatterns = patterns }) {
  const paths = (except) =>
    libraries.filter((library) => library !== except).map(({ name, where }) => ({ name, message: `${name} is used only in ${where}` }));
  return [
    { files, rules: { [RULE]: ['error', { paths: paths(null), patterns }] } },
    ...libraries
      .filter((library) => library.owners)
      .map((library) => ({
        files: library.owners,
        rules: { [RULE]: ['error', { paths: paths(library), patterns }] },
      })),
    ...(tests.length > 0 ? [{ files: tests, rules: { [RULE]: ['error', { patterns: testPatterns }] } }] : []),
  ];
}

const pg = { name: 'pg', where: 'db/' };
const serverDownstream = { group: ['@porttwin/client'], message: 'the server serves the built client; it does not import it' };
const launcherOnly = {
  group: ['@porttwin/edge', '@porttwin/simulator', 'aedes'],
  // The gateway's stats type reaches the routes that report it; no edge code runs from there.
  allowTypeImports: true,
  message:
    "only the launcher (server/src/launcher.ts, server/src/embedded/) runs the edge, the simulator and the embedded broker (and the devices CLI reads site files with the simulator's reader)",
};
const serverLibraries = [pg, { name: 'mqtt', where: 'the edge and the simulator' }];
const clientOnlyContracts = [
  { group: ['@porttwin/*', '!@porttwin/contracts'], message: 'the client imports only @porttwin/contracts' },
  { group: ['mqtt', 'pg', 'node:*'], message: 'not in the browser' },
];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'test/artifacts/**'] },
  {
    files: ALL_SOURCES,
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  ...boundary({
    files: ['contracts/**/*.ts'],
    patterns: [{ group: ['@porttwin/*', 'node:*'], message: 'contracts import nothing of ours and nothing of Node' }],
  }),
  ...boundary({
    files: ['simulator/**/*.ts'],
    patterns: [
      {
        group: ['@porttwin/edge', '@porttwin/db', '@porttwin/server', '@porttwin/client'],
        message: 'the simulator is upstream of everything but the contracts',
      },
    ],
    libraries: [
      {
        name: 'mqtt',
        where: "the simulator's publishers",
        owners: ['simulator/src/device-publisher.ts', 'simulator/src/per-device-publisher.ts', 'simulator/src/load-generator.ts'],
      },
    ],
    tests: ['simulator/src/**/*.test.ts', 'simulator/src/test-broker.ts'],
  }),
  ...boundary({
    files: ['edge/**/*.ts'],
    patterns: [
      {
        group: ['@porttwin/server', '@porttwin/client', '@porttwin/simulator'],
        message: 'the edge reaches the database through @porttwin/db only, and nothing downstream',
      },
    ],
    libraries: [
      {
        name: 'mqtt',
        where: 'edge/src/gateway.ts and deferred-pubacks.ts',
        owners: ['edge/src/gateway.ts', 'edge/src/deferred-pubacks.ts'],
      },
      pg,
    ],
    tests: ['edge/src/**/*.test.ts'],
    testPatterns: [{ group: ['@porttwin/server', '@porttwin/client'], message: 'nothing upstream imports anything downstream' }],
  }),
  ...boundary({
    files: ['db/**/*.ts'],
    patterns: [
      {
        group: ['@porttwin/edge', '@porttwin/server', '@porttwin/client', '@porttwin/simulator', 'mqtt'],
        message: 'db depends on the contracts only',
      },
    ],
    libraries: [{ name: 'pg', where: 'db/src/postgres-database.ts', owners: ['db/src/postgres-database.ts'] }],
    tests: ['db/src/**/*.test.ts', 'db/src/test-databases.ts', 'db/src/queries/kpi-fixture.ts'],
    testPatterns: [{ group: ['@porttwin/server', '@porttwin/client'], message: 'nothing upstream imports anything downstream' }],
  }),
  ...boundary({
    files: ['server/**/*.ts'],
    patterns: [serverDownstream, launcherOnly],
    libraries: serverLibraries,
    tests: ['server/src/**/*.test.ts'],
    testPatterns: [serverDownstream],
  }),
  ...boundary({
    files: ['server/src/launcher.ts', 'server/src/embedded/**/*.ts', 'server/src/devices/main.ts'],
    patterns: [serverDownstream],
    libraries: serverLibraries,
    tests: ['server/src/embedded/**/*.test.ts'],
    testPatterns: [serverDownstream],
  }),
  ...boundary({
    files: ['client/src/**/*.{ts,tsx}'],
    patterns: clientOnlyContracts,
    libraries: [
      { name: 'socket.io-client', where: 'client/src/net/', owners: ['client/src/net/**'] },
      // The charts' library loads with the forecast tab (a lazy chunk), so it stays in the one chart module.
      { name: 'uplot', where: 'client/src/overlays/ForecastChart.tsx', owners: ['client/src/overlays/ForecastChart.tsx'] },
      {
        name: 'zustand',
        where: 'client/src/store/ (and the language store)',
        owners: ['client/src/store/**', 'client/src/i18n/use-language.ts'],
      },
    ],
  }),
);
