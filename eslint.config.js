// ESLint: TypeScript rules everywhere; AppSync's own rules over resolvers/, so code the
// APPSYNC_JS runtime does not support fails lint, not deploy.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import appsync from '@aws-appsync/eslint-plugin';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'cdk.out/**', '**/cdk.out/**', 'generated/**', 'coverage/**', 'dist/**', '.local/**', 'examples/**/dist/**', 'examples/web/src/gql/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Lambda fixtures are CommonJS bundles, like NodejsFunction's output.
    files: ['test/fixtures/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
  {
    // ...and ESM handlers (.mjs) run on Lambda's Node.js runtime too.
    files: ['test/fixtures/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
  {
    // CI's own scripts run on Node.
    files: ['.ci/**/*.mjs'],
    languageOptions: { sourceType: 'module', globals: globals.node },
  },
  {
    files: ['resolvers/**/*.ts'],
    plugins: appsync.configs.recommended.plugins,
    languageOptions: {
      parser: appsync.configs.recommended.languageOptions.parser,
      // The recommended rules (no-recursion, no-disallowed-methods...) need type information.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: appsync.configs.recommended.rules,
  },
);
