import { allLearners } from '../learning/learners';
import { defineJob } from './job';

/**
 * Reports, per committee, how many of its staff and elected officials the bot can reach in a
 * personal chat, and what came of installing the app for the others. It changes nothing: a person
 * without a chat gets the app installed when a message is on its way to them (where allowed).
 */
export const reachabilityJob = defineJob({
  name: 'nabarhet',
  description: 'Visar per nämnd hur många medarbetare och förtroendevalda boten kan nå i personlig chatt, och hur installationerna gått (ändrar inget).',
  uses: ({ store, ops }) => ({ store, ops }),
  async run({ store, ops }) {
    const [committees, learners, installs] = await Promise.all([store.committees.query(), allLearners(store, ops.staff), ops.installations.counts()]);
    const parts: string[] = [];
    for (const { value: committee } of committees) {
      const members = learners.filter((l) => l.committeeCode === committee.code);
      const reachable = (await Promise.all(members.map((l) => ops.conversations.personalChatOf(l.personId)))).filter(Boolean).length;
      parts.push(`${committee.name} ${reachable}/${members.length}`);
    }
    const tried = [
      `${installs.installed ?? 0} installerade av Infosäk`,
      `${installs.alreadyInstalled ?? 0} hade appen redan`,
      `${installs.blocked ?? 0} stoppade av appbehörighetsprincip`,
      `${installs.notFound ?? 0} utan Teams`,
      `${installs.failed ?? 0} misslyckade`,
    ];
    return `Nåbara i personlig chatt: ${parts.join(', ')}. Installationer: ${tried.join(', ')}`;
  },
});
