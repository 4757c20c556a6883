import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { projectRoot } from '../../src/config/config';

/** Runs the project's ESLint configuration on a piece of code as if it stood in `file`. */
function lint(file: string, code: string): string {
  const root = projectRoot();
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '--stdin', '--stdin-filename', file, '--format', 'json'],
    { cwd: root, input: code, encoding: 'utf8' },
  );
  const [report] = JSON.parse(result.stdout) as { messages: { ruleId: string | null; message: string }[] }[];
  return report!.messages.map((m) => `${m.ruleId}: ${m.message}`).join('\n');
}

describe('the lint rule that keeps SDKs out of the domain', () => {
  const sdkImports = [
    "import { TurnContext } from 'botbuilder';",
    "import restify from 'restify';",
    "import { Client } from '@microsoft/microsoft-graph-client';",
    "import { ConfidentialClientApplication } from '@azure/msal-node';",
  ];

  it.each(sdkImports)('refuses %s in src/incidents', (line) => {
    expect(lint('src/incidents/incident.ts', `${line}\nexport const x = 1;\n`)).toContain('no-restricted-imports');
  });

  it('refuses botbuilder in the other domain folders too', () => {
    for (const folder of ['learning', 'actionplan', 'organisation']) {
      const file = { learning: 'completion.ts', actionplan: 'activity.ts', organisation: 'organisation.ts' }[folder]!;
      expect(lint(`src/${folder}/${file}`, `${sdkImports[0]}\nexport const x = 1;\n`)).toContain('no-restricted-imports');
    }
  });

  it('allows botbuilder in bot/', () => {
    expect(lint('bot/teams-bot.ts', `${sdkImports[0]}\nexport type X = TurnContext;\n`)).not.toContain('no-restricted-imports');
  });
});
