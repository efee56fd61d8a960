// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Determinism: all randomness goes through the seeded RNG.
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded RNG (solver/rng.ts).' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The numeric engine must not depend on the API layer or on edge libraries.
    files: ['solver/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/src/**', 'zod', '@turf/*', 'date-fns', '@date-fns/*'] }],
    },
  },
);
