import type { Store } from '../store/store';
import { personFrom, type Person } from './organisation';

/** Looks a person up in the roles list (one indexed query); undefined for someone the municipality has not registered. */
export async function findPerson(store: Store, personId: string | undefined): Promise<Person | undefined> {
  if (!personId) return undefined;
  const rows = await store.roles.query({ field: 'personId', op: 'eq', value: personId });
  return personFrom(rows.map((r) => r.value));
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
