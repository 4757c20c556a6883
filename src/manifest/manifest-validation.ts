import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import path from 'node:path';

/**
 * Validates a Teams app manifest offline against the official JSON schema of its manifestVersion,
 * as bundled in Microsoft's @microsoft/app-manifest package, with the same validator settings as
 * that package's ManifestUtil (ajv draft-04, uri/email/regex formats). Returns the problems, empty when valid.
 */
export function manifestSchemaProblems(manifest: { manifestVersion?: string }): string[] {
  const version = manifest.manifestVersion;
  if (!version || !/^\d+\.\d+$/.test(version)) return ['manifestVersion saknas eller är ogiltig'];
  const schemaFile = path.join(
    path.dirname(require.resolve('@microsoft/app-manifest/package.json')),
    'build',
    'json-schemas',
    'teams',
    `v${version}`,
    'MicrosoftTeams.schema.json',
  );
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const schema = require(schemaFile) as object;
  const ajv = new AjvDraft04({ allErrors: true, strictTypes: false });
  addFormats(ajv, ['uri', 'email', 'regex']);
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}
