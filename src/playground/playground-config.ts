import { DEMO_PEOPLE, DEMO_TENANT_ID, type DemoPerson } from '../demo/demo-organisation';

/**
 * The Agents Playground's configuration (.m365agentsplayground.yml) for one persona: the chosen demo
 * person is the signed-in user, the others are members of the group chat and team. The Playground
 * reads it from M365_AGENTS_PLAYGROUND_CONFIG_PATH.
 */
function userYaml(p: DemoPerson, indent: string): string {
  return [
    `id: ${p.persona}`,
    `name: ${p.displayName}`,
    `userPrincipleName: ${p.email}`,
    `aadObjectId: ${p.id}`,
    `givenName: ${p.givenName}`,
    `surname: ${p.surname}`,
    `email: ${p.email}`,
  ]
    .map((line, i) => (i === 0 ? line : indent + line))
    .join('\n');
}

/** Who one can be in the Playground: the demo people's persona names (PERSONA, npm run playground -- <persona>). */
export function personaNames(): string[] {
  return DEMO_PEOPLE.map((p) => p.persona);
}

/** The Agents Playground refuses a configuration with more than five users besides the signed-in one. */
export const PLAYGROUND_MAX_OTHER_USERS = 5;

export function playgroundConfigYaml(current: DemoPerson): string {
  // The Playground's schema takes at most five other users; the first ones in the demo list are those a person tries most.
  const others = DEMO_PEOPLE.filter((p) => p.id !== current.id).slice(0, PLAYGROUND_MAX_OTHER_USERS);
  return `# Skapad av Infosäk vid start: den inloggade är ${current.displayName} (${current.persona}).
version: "0.1.1"
tenantId: ${DEMO_TENANT_ID}
bot:
  id: 28:infosak-bot
  name: Infosäk
currentUser:
  ${userYaml(current, '  ')}
users:
${others.map((p) => `  - ${userYaml(p, '    ')}`).join('\n')}
personalChat:
  id: personal-chat-${current.persona}
groupChat:
  id: group-chat-infosak
  name: Informationssäkerhetsnätverket
team:
  id: team-infosak
  name: ${'Sjöviks kommun'}
  aadGroupId: 7c9e6679-7425-40de-944b-e07fc1f90ae7
  channels:
    - id: channel-general
      name: Allmänt
`;
}
