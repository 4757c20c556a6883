import { REPOSITORY_NAMES, type RepositoryName } from './list-schema';
import type { ListRepository, Store } from './store';

/** Makes the repository for one list; each store supplies its own (SQLite table, SharePoint list). */
export type RepositoryFactory = <T, K extends string>(name: RepositoryName) => ListRepository<T, K>;

/** Store's repositories, keyed by the lists in lists.json: a list Store lacks, or one it has extra, fails to compile. */
type Repositories = { readonly [R in RepositoryName]: Store[R] };

// The lists are data (lists.json), so their repositories are made in a loop and typed here once.
const OneRepositoryPerList = class {
  constructor(make: RepositoryFactory) {
    Object.assign(this, Object.fromEntries(REPOSITORY_NAMES.map((name) => [name, make(name)])));
  }
} as new (make: RepositoryFactory) => Repositories;

/** What both stores share: one repository per list in the schema. */
export abstract class ListStore extends OneRepositoryPerList implements Store {
  abstract readonly kind: Store['kind'];

  protected constructor(make: RepositoryFactory) {
    super(make);
  }

  abstract close(): Promise<void>;
}
