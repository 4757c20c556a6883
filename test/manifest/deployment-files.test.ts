import Ajv from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { projectRoot } from '../../src/config/config';

/**
 * teamsapp.yml, the Bicep files and the Entra manifest hold together. There is no Bicep compiler
 * offline, so the Bicep files get structural checks: balanced brackets, every resource with an API
 * version, the parameters given and declared matching, the module's parameters satisfied, and the
 * settings the app cannot run without. teamsapp.yml is validated against the toolkit's published
 * schema for v1.7 (from the npm package @microsoft/teamsfx-core, resource/yaml-schema/v1.7, MIT).
 */
const root = projectRoot();
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');
const teamsapp = parseYaml(read('teamsapp.yml')) as { version: string; provision: Action[]; deploy: Action[] };
type Action = { uses: string; with?: Record<string, unknown>; writeToEnvironmentFile?: Record<string, string> };
const bicep = read('infra/azure.bicep');
const botBicep = read('infra/botRegistration/azurebot.bicep');
const placeholders = (text: string) => [...text.matchAll(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g)].map((m) => m[1]!);
const envNames = (file: string) => read(file).split('\n').filter((l) => /^[A-Z0-9_]+=/.test(l)).map((l) => l.split('=')[0]!);
const params = (text: string) => new Map([...text.matchAll(/^param (\w+) (\w+)( = .+)?$/gm)].map((m) => [m[1]!, { type: m[2]!, hasDefault: Boolean(m[3]) }]));
/** Bicep source with its strings emptied and its comments removed, for counting brackets. */
function withoutStringsAndComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('//', i)) i = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
    else if (text.startsWith('/*', i)) i = text.indexOf('*/', i) + 1;
    else if (text[i] === "'") {
      i++;
      while (i < text.length && text[i] !== "'") i += text[i] === '\\' ? 2 : 1;
      out += "''";
    } else out += text[i];
  }
  return out;
}
const outputs = (text: string) => [...text.matchAll(/^output (\w+) /gm)].map((m) => m[1]!);

describe('teamsapp.yml', () => {
  it('validates against the toolkit’s schema for its version', () => {
    expect(teamsapp.version).toBe('v1.7');
    const schema = JSON.parse(read('test/support/schemas/teamsapp.v1.7.yaml.schema.json')) as object;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    const ok = validate(teamsapp);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('provisions and deploys in the order the toolkit needs', () => {
    expect(teamsapp.provision.map((a) => a.uses)).toEqual([
      'teamsApp/create',
      'aadApp/create',
      'arm/deploy',
      'aadApp/update',
      'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
      'teamsApp/validateAppPackage',
      'teamsApp/update',
    ]);
    expect(teamsapp.deploy.map((a) => a.uses)).toEqual(['cli/runNpmCommand', 'cli/runNpmCommand', 'azureAppService/zipDeploy']);
  });

  it('refers only to files that exist', () => {
    const files = [
      ...teamsapp.provision.flatMap((a) => [a.with?.manifestPath, ...((a.with?.templates as { path: string; parameters: string }[] | undefined) ?? []).flatMap((t) => [t.path, t.parameters])]),
      ...teamsapp.deploy.map((a) => a.with?.ignoreFile),
    ].filter((f): f is string => typeof f === 'string');
    expect(files.sort()).toEqual(['./.webappignore', './aad.manifest.json', './infra/azure.bicep', './infra/azure.parameters.json', './manifest/manifest.json', './manifest/manifest.json'].sort());
    for (const f of files) expect([f, existsSync(path.join(root, f))]).toEqual([f, true]);
  });

  it('names every value it uses in env/.env.dev, or has provision write it, or keeps it as a secret in .env.dev.user', () => {
    const written = new Set([...teamsapp.provision.flatMap((a) => Object.values(a.writeToEnvironmentFile ?? {})), ...outputs(bicep), 'AAD_APP_ACCESS_AS_USER_PERMISSION_ID']);
    const declared = new Set([...envNames('env/.env.dev'), ...envNames('env/.env.dev.user.sample'), 'TEAMSFX_ENV']);
    const used = new Set([...placeholders(read('teamsapp.yml')), ...placeholders(read('infra/azure.parameters.json')), ...placeholders(read('aad.manifest.json')), ...placeholders(read('manifest/manifest.json'))]);
    const unknown = [...used].filter((v) => !declared.has(v) && !written.has(v));
    expect(unknown).toEqual([]);
    for (const v of written) expect([v, declared.has(v)]).toEqual([v, true]);
  });
});

describe('the Bicep files', () => {
  it.each([
    ['infra/azure.bicep', bicep],
    ['infra/botRegistration/azurebot.bicep', botBicep],
  ])('%s is well formed', (_file, text) => {
    const code = withoutStringsAndComments(text);
    for (const [open, close] of [['{', '}'], ['[', ']'], ['(', ')']] as const) expect(code.split(open).length).toBe(code.split(close).length);
    for (const m of text.matchAll(/^resource \w+ '([^']+)'/gm)) expect(m[1]).toMatch(/^Microsoft\.[A-Za-z]+\/[A-Za-z/]+@\d{4}-\d{2}-\d{2}(-preview)?$/);
  });

  it('is given exactly the parameters it declares, and gives its module what it needs', () => {
    const declared = params(bicep);
    const given = Object.keys((JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, unknown> }).parameters);
    for (const name of given) expect([name, declared.has(name)]).toEqual([name, true]);
    for (const [name, p] of declared) if (!p.hasDefault) expect([name, given.includes(name)]).toEqual([name, true]);
    const moduleParams = [...(/module azureBotRegistration '\.\/botRegistration\/azurebot\.bicep' = \{[\s\S]*?params: \{([\s\S]*?)\n {2}\}/.exec(bicep)?.[1] ?? '').matchAll(/^\s+(\w+):/gm)].map((m) => m[1]!);
    for (const [name, p] of params(botBicep)) if (!p.hasDefault) expect([name, moduleParams.includes(name)]).toEqual([name, true]);
    for (const name of moduleParams) expect([name, params(botBicep).has(name)]).toEqual([name, true]);
  });

  it('holds what production needs: https only, Always On, Node 20 on Linux, a managed identity the bot authenticates as, Teams', () => {
    expect(bicep).toContain('httpsOnly: true');
    expect(bicep).toContain('alwaysOn: true');
    expect(bicep).toContain("linuxFxVersion: 'NODE|20-lts'");
    expect(bicep).toContain("'Microsoft.ManagedIdentity/userAssignedIdentities@");
    expect(bicep).toContain("healthCheckPath: '/api/health'");
    expect(botBicep).toContain("msaAppType: 'UserAssignedMSI'");
    expect(botBicep).toContain("name: 'MsTeamsChannel'");
    const settings = new Map([...bicep.matchAll(/^\s*\{ name: '(\w+)', value: (.+) \}$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
    expect(settings.get('NODE_ENV')).toBe("'production'");
    expect(settings.get('MicrosoftAppType')).toBe("'UserAssignedMSI'");
    expect(settings.get('MicrosoftAppId')).toBe('identity.properties.clientId');
    for (const name of ['MicrosoftAppTenantId', 'PUBLIC_URL', 'AAD_APP_CLIENT_ID', 'AAD_APP_TENANT_ID', 'STORE', 'SHAREPOINT_SITE', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'CARD_STATE_SECRET']) {
      expect([name, settings.has(name)]).toEqual([name, true]);
    }
    // Secrets only through @secure() parameters.
    expect(bicep).toMatch(/@secure\(\)\nparam graphClientSecret string/);
    expect(bicep).toMatch(/@secure\(\)\n@minLength\(32\)\n@description\([^)]*\)\nparam cardStateSecret string/);
  });
});

describe('the bookkeeping in Azure Storage, shared by the instances', () => {
  const settings = new Map([...bicep.matchAll(/^\s*\{ name: '(\w+)', value: (.+) \}$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
  const resource = (type: string) => new RegExp(`^resource (\\w+) '${type.replace(/[./]/g, '\\$&')}@[^']+' = \\{([\\s\\S]*?)\\n\\}`, 'm').exec(bicep);

  it('is a storage account that accepts no shared key, only Entra ID over TLS 1.2, nothing public', () => {
    const body = resource('Microsoft.Storage/storageAccounts')?.[2] ?? '';
    expect(body).toContain('allowSharedKeyAccess: false');
    expect(body).toContain('allowBlobPublicAccess: false');
    expect(body).toContain("minimumTlsVersion: 'TLS1_2'");
    expect(body).toContain('supportsHttpsTrafficOnly: true');
    // No key, connection string or SAS leaves the file.
    expect(bicep).not.toMatch(/listKeys|listAccountSas|AccountKey=/);
  });

  it('gives the managed identity the table and blob data contributor roles on that account, and nothing wider', () => {
    const assignments = [...bicep.matchAll(/^resource (\w+) 'Microsoft\.Authorization\/roleAssignments@[^']+' = \{([\s\S]*?)\n\}/gm)].map((m) => m[2]!);
    expect(assignments).toHaveLength(2);
    const roleIds = assignments.map((body) => /roleDefinitionId: subscriptionResourceId\('Microsoft\.Authorization\/roleDefinitions', (\w+)\)/.exec(body)?.[1]);
    const value = (name: string | undefined) => new RegExp(`^var ${name} = '([0-9a-f-]+)'`, 'm').exec(bicep)?.[1];
    // Storage Table Data Contributor and Storage Blob Data Contributor, Azure's built-in role ids.
    expect(roleIds.map(value).sort()).toEqual(['0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe']);
    for (const body of assignments) {
      expect(body).toContain('scope: storage\n');
      expect(body).toContain('principalId: identity.properties.principalId');
      expect(body).toContain("principalType: 'ServicePrincipal'");
    }
  });

  it('runs two instances on it by default, one with SQLite, and tells the app where its tables and lease are', () => {
    expect(params(bicep).get('instanceCount')).toEqual({ type: 'int', hasDefault: true });
    expect(bicep).toContain('param instanceCount int = 2');
    expect(bicep).toContain("param opsStore string = 'azure'");
    expect(bicep).toContain("var instances = opsStore == 'azure' ? instanceCount : 1");
    expect(resource('Microsoft.Web/serverfarms')?.[2]).toContain('capacity: instances');
    expect(resource('Microsoft.Web/sites')?.[2]).toContain('clientAffinityEnabled: false');
    expect(settings.get('OPS_STORE')).toBe('opsStore');
    expect(settings.get('OPS_TABLE_ENDPOINT')).toBe("opsStore == 'azure' ? storage.properties.primaryEndpoints.table : ''");
    expect(settings.get('OPS_BLOB_ENDPOINT')).toBe("opsStore == 'azure' ? storage.properties.primaryEndpoints.blob : ''");
    expect(settings.get('OPS_MANAGED_IDENTITY_CLIENT_ID')).toBe('identity.properties.clientId');
    // The lease's container, named as the app names it: the tables' prefix, lower-cased, and "-leader".
    expect(bicep).toContain("name: '${toLower(opsTablePrefix)}-leader'");
  });

  it('sets only settings the app reads', () => {
    const schema = read('src/config/config.ts');
    const known = new Set([...schema.matchAll(/^ {2}(\w+): (?:z\.|flag\b)/gm)].map((m) => m[1]!));
    // Read by App Service or botbuilder, not by the app's schema.
    for (const name of ['WEBSITE_NODE_DEFAULT_VERSION', 'SCM_DO_BUILD_DURING_DEPLOYMENT']) known.add(name);
    for (const name of settings.keys()) expect([name, known.has(name)]).toEqual([name, true]);
  });
});

describe('the Entra manifest for the tab', () => {
  const manifest = JSON.parse(read('aad.manifest.json')) as { identifierUris: string[]; oauth2Permissions: { value: string }[]; preAuthorizedApplications: { appId: string }[] };
  it('exposes access_as_user at the URI the server expects, pre-authorised for the Teams clients', () => {
    expect(manifest.identifierUris).toEqual(['api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}']);
    expect(manifest.oauth2Permissions.map((p) => p.value)).toEqual(['access_as_user']);
    const clients = manifest.preAuthorizedApplications.map((a) => a.appId);
    expect(clients).toEqual(expect.arrayContaining(['1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346']));
    expect(JSON.parse(read('manifest/manifest.json')).webApplicationInfo.resource).toBe('api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}');
  });
});
