import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const BOT_SDK = { group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'Only the activity handler, the proactive sender, the adapter and the HTTP server know botbuilder: flows take (who, what) and return replies.' };
const SDK_IMPORTS = {
  patterns: [
    BOT_SDK,
    { group: ['restify', 'restify-*'], message: 'Domain code does not know about HTTP: keep restify in src/server and src/api.' },
    { group: ['@microsoft/microsoft-graph-client', '@azure/msal-node'], message: 'Domain code does not call Graph: use the Store.' },
  ],
};

/** Where botbuilder may be imported: the edge between Teams and the app. */
const BOT_EDGE = ['bot/teams-bot.ts', 'bot/proactive-sender.ts', 'src/server/bot-adapter.ts', 'src/server/create-server.ts'];

/** The bot's inside and every domain folder: plain values in, plain values out. */
const DOMAIN = [
  'bot/flows/**', 'bot/cards/**', 'bot/notifiers/**', 'bot/routes.ts',
  'src/incidents/**', 'src/learning/**', 'src/actionplan/**', 'src/organisation/**', 'src/clock/**', 'src/retention/**', 'src/status/**',
  'src/jobs/**', 'src/delivery/**', 'src/ops/**', 'src/i18n/**', 'src/reports/**', 'src/assets/**', 'src/annual-report/**',
];

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
    files: ['bot/**/*.ts', 'src/**/*.ts'],
    ignores: BOT_EDGE,
    rules: { 'no-restricted-imports': ['error', { patterns: [BOT_SDK] }] },
  },
  // Later entries win for the same rule: the domain gets the stricter list.
  { files: DOMAIN, rules: { 'no-restricted-imports': ['error', SDK_IMPORTS] } },
  { files: ['**/*.mjs', '**/*.js'], ...tseslint.configs.disableTypeChecked },
  { files: ['jest.config.js'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable' } } },
  { files: ['tab/build.mjs', 'src/cli/build-if-changed.mjs', 'test/support/copy-readme-screenshots.mjs', 'test/support/render-report-pages.mjs'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  {
    files: ['test/support/run-with-test-ca.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
);
