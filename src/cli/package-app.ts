import AdmZip from 'adm-zip';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { projectRoot } from '../config/config';
import { fillTemplate, MissingVariablesError } from '../manifest/fill-manifest';
import { manifestSchemaProblems } from '../manifest/manifest-validation';

/**
 * `npm run package [-- <env>]`: fills manifest/manifest.json from env/.env.<env> (default "local"),
 * validates it against the official schema and writes build/appPackage.<env>.zip for sideloading.
 */
export async function packageApp(envName: string, root = projectRoot()): Promise<{ zipPath: string; manifest: Record<string, unknown> }> {
  const envFile = path.join(root, 'env', `.env.${envName}`);
  if (!existsSync(envFile)) throw new Error(`Miljöfilen ${path.relative(root, envFile)} finns inte`);
  const values = { ...parseEnv(readFileSync(envFile, 'utf8')), ...pickDefined(process.env) };
  const manifestDir = path.join(root, 'manifest');
  const manifestText = fillTemplate(readFileSync(path.join(manifestDir, 'manifest.json'), 'utf8'), values);
  const manifest = JSON.parse(manifestText) as Record<string, unknown> & { manifestVersion?: string };
  const problems = manifestSchemaProblems(manifest);
  if (problems.length > 0) throw new Error(`Manifestet följer inte schemat:\n  ${problems.join('\n  ')}`);

  const zip = new AdmZip();
  zip.addFile('manifest.json', Buffer.from(manifestText, 'utf8'));
  for (const icon of ['color.png', 'outline.png']) zip.addFile(icon, readFileSync(path.join(manifestDir, icon)));
  const outDir = path.join(root, 'build');
  mkdirSync(outDir, { recursive: true });
  const zipPath = path.join(outDir, `appPackage.${envName}.zip`);
  zip.writeZip(zipPath);
  return { zipPath, manifest };
}

/** Real environment variables override the env file, as in Teams Toolkit. */
function pickDefined(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}

if (require.main === module) {
  const envName = process.argv[2] ?? 'local';
  packageApp(envName)
    .then(({ zipPath }) => console.log(`Appaketet är klart: ${path.relative(process.cwd(), zipPath)}`))
    .catch((err: unknown) => {
      console.error(err instanceof MissingVariablesError ? `${err.message} (i env/.env.${envName})` : err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
