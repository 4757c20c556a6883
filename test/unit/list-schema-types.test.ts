import { readFileSync } from 'node:fs';
import path from 'node:path';
import listsJson from '../../infra/sharepoint/lists.json';
import { GENERATED_TYPES_PATH, listSchemaTypesSource } from '../support/list-schema-types';

describe('the typed copy of the list schema', () => {
  it(`${GENERATED_TYPES_PATH} is what npm run schema:types makes of infra/sharepoint/lists.json`, () => {
    // A checkout may have turned line endings into CRLF; only the content matters.
    const onDisk = readFileSync(path.join(__dirname, '../..', GENERATED_TYPES_PATH), 'utf8').replace(/\r\n/g, '\n');
    expect(onDisk).toBe(listSchemaTypesSource(listsJson.lists));
  });
});
