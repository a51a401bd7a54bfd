// typescript-eslint with type information (recommendedTypeChecked) over every package's TypeScript.
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'generated/**', 'schemas/**', '.nx/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['packages/*/vitest.config.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring a field away, required parameters).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests (and the e2e package's helpers) read parsed YAML/JSON documents, typed `any` on purpose.
    files: ['**/*.test.ts', '**/test-fixtures/**', 'packages/e2e/src/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Fakes of async APIs are async without awaiting anything.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Readers of arbitrary Kubernetes manifests and scrape configs given as files walk untyped YAML
    // field by field, checking each shape at run time. Typing them (helpers over `unknown`) is left
    // for later; everything else is held to the type-checked rules.
    files: ['packages/lint/src/manifests.ts', 'packages/lint/src/rules/kubernetes/**', 'packages/lint/src/rules/promql/job-exists.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
