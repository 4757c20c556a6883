import { defineJob } from './job';

/**
 * Reports, per committee, how many registered people the bot can reach in a personal chat. It
 * changes nothing; a person without a chat will show as AppNotInstalled in every campaign.
 */
export const reachabilityJob = defineJob({
  name: 'nabarhet',
  description: 'Visar per nämnd hur många i rollregistret som boten kan nå i personlig chatt (ändrar inget).',
  uses: ({ store, ops }) => ({ store, ops }),
  async run({ store, ops }) {
    const [committees, roles] = await Promise.all([store.committees.query(), store.roles.query()]);
    const people = new Map<string, Set<string>>();
    for (const { value } of roles) {
      if (value.committeeCode === '*') continue;
      const members = people.get(value.committeeCode) ?? new Set<string>();
      members.add(value.personId);
      people.set(value.committeeCode, members);
    }
    const parts: string[] = [];
    for (const { value: committee } of committees) {
      const members = [...(people.get(committee.code) ?? [])];
      const reachable = (await Promise.all(members.map((id) => ops.conversations.personalChatOf(id)))).filter(Boolean).length;
      parts.push(`${committee.name} ${reachable}/${members.length}`);
    }
    return `Nåbara i personlig chatt: ${parts.join(', ')}`;
  },
});
