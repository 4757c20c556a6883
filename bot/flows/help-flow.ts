import { t, type Locale } from '../../src/i18n/texts';
import { committeeNames, findPerson } from '../../src/organisation/people';
import { ALL_COMMITTEES, ROLES, type Person } from '../../src/organisation/organisation';
import { renderCard } from '../cards/card-templates';
import { cardAbilitiesOf, helpCardData } from '../cards/card-data';
import { cardReply, type Flow } from './flow';

/**
 * "Du är Sara Lind – medarbetare i Socialnämnden; informationssäkerhetssamordnare i Socialnämnden
 * och Kultur- och fritidsnämnden.": each role once, with its committees, so a person sees which
 * roles the app knows of. A role held for the whole municipality is said so, without committees.
 */
export function describePerson(person: Person, names: Map<string, string>, locale: Locale): string {
  const list = new Intl.ListFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { type: 'conjunction' });
  const held = ROLES.filter((role) => person.assignments.some((a) => a.role === role));
  const roles = held.map((r) => {
    const role = t(locale, `role.${r}`);
    const codes = [...new Set(person.assignments.filter((a) => a.role === r).map((a) => a.committeeCode))];
    if (codes.includes(ALL_COMMITTEES)) return t(locale, 'role.all', { role });
    return t(locale, 'role.in', { role, committee: list.format(codes.map((code) => names.get(code) ?? code)) });
  });
  return t(locale, 'help.signedInAs', { name: person.displayName, roles: roles.join('; ') });
}

/** `hjälp`: what the app can do for this person (only what their roles allow), and who it takes the person to be. */
export const helpFlow: Flow = async (who, _input, deps) => {
  const { locale } = who;
  const person = await findPerson(deps.store, who.personId);
  const whoAmI = person ? describePerson(person, await committeeNames(deps.store), locale) : t(locale, 'help.unknownPerson');
  return [cardReply(renderCard('help', helpCardData(locale, whoAmI, deps.statusUrl(), cardAbilitiesOf(person))))];
};
