// Lint keeps the boundaries STYLE.md draws: data flows one way (simulator → edge → db →
// server → client), and each outside library with a wide surface stays inside the one module
// that owns it. Type-checking is tsc's job; this is about who may import what.
import tseslint from 'typescript-eslint';

const only = (name, where) => ({ name, message: `${name} is used only in ${where}` });

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'test/artifacts/**'] },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
  },
  {
    files: ['contracts/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@porttwin/*', 'node:*'], message: 'contracts import nothing of ours and nothing of Node' }] }],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    ignores: ['client/src/net/**', 'client/src/store/**', 'client/src/i18n/use-language.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [only('socket.io-client', 'client/src/net/'), only('zustand', 'client/src/store/ (and the language store)')],
        patterns: [{ group: ['@porttwin/*', '!@porttwin/contracts'], message: 'the client imports only @porttwin/contracts' }, { group: ['mqtt', 'pg', 'node:*'], message: 'not in the browser' }],
      }],
    },
  },
  {
    files: ['client/src/net/**', 'client/src/store/**', 'client/src/i18n/use-language.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@porttwin/*', '!@porttwin/contracts'], message: 'the client imports only @porttwin/contracts' }, { group: ['mqtt', 'pg', 'node:*'], message: 'not in the browser' }] }],
    },
  },
  {
    files: ['simulator/src/**/*.ts'],
    ignores: ['simulator/src/device-publisher.ts', 'simulator/src/per-device-publisher.ts', 'simulator/src/load-generator.ts', 'simulator/src/**/*.test.ts', 'simulator/src/test-broker.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [only('mqtt', 'the simulator\'s publishers')],
        patterns: [{ group: ['@porttwin/edge', '@porttwin/db', '@porttwin/server', '@porttwin/client'], message: 'the simulator is upstream of everything but the contracts' }],
      }],
    },
  },
  {
    files: ['edge/src/**/*.ts'],
    ignores: ['edge/src/gateway.ts', 'edge/src/deferred-pubacks.ts', 'edge/src/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [only('mqtt', 'edge/src/gateway.ts and deferred-pubacks.ts'), only('pg', 'db/')],
        patterns: [{ group: ['@porttwin/server', '@porttwin/client', '@porttwin/simulator'], message: 'the edge reaches the database through @porttwin/db only, and nothing downstream' }],
      }],
    },
  },
  {
    files: ['db/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@porttwin/edge', '@porttwin/server', '@porttwin/client', '@porttwin/simulator', 'mqtt'], message: 'db depends on the contracts only' }] }],
    },
  },
  {
    files: ['server/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [only('pg', 'db/'), only('mqtt', 'the edge and the simulator')], patterns: [{ group: ['@porttwin/client'], message: 'the server serves the built client; it does not import it' }] }],
    },
  },
);
