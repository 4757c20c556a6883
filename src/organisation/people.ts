import type { Store } from '../store/store';
import { personFrom, type Person, type Role, type RoleAssignment } from './organisation';
import type { PeopleDirectory } from './people-directory';

/**
 * The directory the running app keeps for a store (see compose-domain). It is looked up by store
 * so that every reader of people and roles — flows, cards, notifiers, the tab's viewer — shares one
 * without each being handed it; a store nobody registered (a script, a unit test) is read directly.
 */
const directories = new WeakMap<Store, PeopleDirectory>();

export function usePeopleDirectory(store: Store, directory: PeopleDirectory): void {
  directories.set(store, directory);
}

/** Looks a person up in the roles list (one indexed query, or the directory's kept answer); undefined for someone the municipality has not registered. */
export async function findPerson(store: Store, personId: string | undefined): Promise<Person | undefined> {
  if (!personId) return undefined;
  const directory = directories.get(store);
  if (directory) return directory.person(personId);
  const rows = await store.roles.query({ field: 'personId', op: 'eq', value: personId });
  return personFrom(rows.map((r) => r.value));
}

/** Everyone holding a role, in any committee (one indexed query, or the directory's kept answer). */
export async function holdersOf(store: Store, role: Role): Promise<RoleAssignment[]> {
  const directory = directories.get(store);
  if (directory) return directory.holdersOf(role);
  return (await store.roles.query({ field: 'role', op: 'eq', value: role })).map((r) => r.value);
}

/** Committee code → name, for showing roles and committees to people. */
export async function committeeNames(store: Store): Promise<Map<string, string>> {
  const committees = await store.committees.query();
  return new Map(committees.map((c) => [c.value.code, c.value.name]));
}

/** Display names for the people a card or a view mentions; an id nobody is registered under is shown as it is. */
export async function nameLookup(store: Store, ids: (string | undefined)[]): Promise<(id: string) => string> {
  const names = new Map<string, string>();
  await Promise.all(
    [...new Set(ids.filter((id): id is string => Boolean(id)))].map(async (id) => {
      const person = await findPerson(store, id);
      if (person) names.set(id, person.displayName);
    }),
  );
  return (id) => names.get(id) ?? id;
}
