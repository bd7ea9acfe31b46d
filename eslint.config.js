import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'drizzle/', '.liaison/', 'coverage/', 'dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='describe'][callee.property.name=/^(only|skip)$/]", message: 'no focused or skipped tests' },
        { selector: "CallExpression[callee.object.name='it'][callee.property.name=/^(only|skip)$/]", message: 'no focused or skipped tests' },
        { selector: "CallExpression[callee.object.name='test'][callee.property.name=/^(only|skip)$/]", message: 'no focused or skipped tests' },
      ],
    },
  },
  {
    // The core is platform-free: it must not reach for Slack, Discord or HTTP.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['@slack/*', 'discord.js', '@discordjs/*', 'hono', '@hono/*', '**/adapters/**', 'node:http'] },
      ],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'read the environment in config/env.ts only' }],
    },
  },
);
