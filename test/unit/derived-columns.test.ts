import { derivedColumnNames } from '../../src/store/derived-columns';
import { listDefinition, REPOSITORY_NAMES } from '../../src/store/list-schema';

describe('the derived columns', () => {
  it('are the same in the code that writes them and in lists.json, which provisions and reads them', () => {
    for (const name of REPOSITORY_NAMES) {
      const inSchema = listDefinition(name).columns.filter((c) => c.derived).map((c) => c.name);
      expect([name, derivedColumnNames(name)]).toEqual([name, inSchema]);
    }
    expect(derivedColumnNames('incidents')).toEqual(['yearCommittee']);
  });
});
