import { t, type Locale } from '../../src/i18n/texts';
import { committeeNames, findPerson } from '../../src/organisation/people';
import { ALL_COMMITTEES, type Person } from '../../src/organisation/organisation';
import { renderCard } from '../cards/card-templates';
import { helpCardData } from '../cards/card-data';
import { cardReply, type Flow } from './flow';

/** "Du är Sara Lind – informationssäkerhetssamordnare i Socialnämnden, …": so a person sees which roles the app knows of. */
export function describePerson(person: Person, names: Map<string, string>, locale: Locale): string {
  const roles = person.assignments.map((a) => {
    const role = t(locale, `role.${a.role}`);
    return a.committeeCode === ALL_COMMITTEES
      ? t(locale, 'role.all', { role })
      : t(locale, 'role.in', { role, committee: names.get(a.committeeCode) ?? a.committeeCode });
  });
  return t(locale, 'help.signedInAs', { name: person.displayName, roles: roles.join(', ') });
}

/** `hjälp`: what the app can do, and who it takes the person to be. */
export const helpFlow: Flow = async (who, _input, deps) => {
  const { locale } = who;
  const person = await findPerson(deps.store, who.personId);
  const whoAmI = person ? describePerson(person, await committeeNames(deps.store), locale) : t(locale, 'help.unknownPerson');
  return [cardReply(renderCard('help', helpCardData(locale, whoAmI, deps.statusUrl())))];
};
