import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_TYPES_PATH, listSchemaTypesSource } from './list-schema-types';

// `npm run schema:types`: run from the package root, it reads lists.json as it is on disk now.
const root = process.cwd();
const schema = JSON.parse(readFileSync(path.join(root, 'infra/sharepoint/lists.json'), 'utf8')) as { lists: Parameters<typeof listSchemaTypesSource>[0] };
writeFileSync(path.join(root, GENERATED_TYPES_PATH), listSchemaTypesSource(schema.lists));
process.stdout.write(`${GENERATED_TYPES_PATH}: ${schema.lists.length} lists\n`);
