import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const SDK_IMPORTS = {
  patterns: [
    { group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'Domain code takes plain values: keep botbuilder in bot/.' },
    { group: ['restify', 'restify-*'], message: 'Domain code does not know about HTTP: keep restify in src/server and src/api.' },
    { group: ['@microsoft/microsoft-graph-client', '@azure/msal-node'], message: 'Domain code does not call Graph: use the Store.' },
  ],
};

export default tseslint.config(
  { ignores: ['dist/', 'build/', 'node_modules/', 'data/', 'coverage/', 'test-artifacts/', 'tab/**/*.js'] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/incidents/**', 'src/learning/**', 'src/actionplan/**', 'src/organisation/**', 'src/clock/**', 'src/retention/**', 'src/status/**'],
    rules: { 'no-restricted-imports': ['error', SDK_IMPORTS] },
  },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['jest.config.js'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } } },
  { files: ['tab/build.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  {
    files: ['test/support/run-with-test-ca.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
);
