import { randomUUID } from 'node:crypto';
import { DEMO_TENANT_ID, type DemoPerson } from '../../src/demo/demo-organisation';

/**
 * Activities shaped as Microsoft Teams sends them to a bot (personal scope), so HTTP-level tests
 * exercise the same JSON the real channel posts to /api/messages.
 */
export const BOT_ID = '28:infosak-test-bot';

function base(person: DemoPerson, serviceUrl: string, conversationId = `a:personal-${person.persona}`) {
  return {
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: `29:${person.persona}`, name: person.displayName, aadObjectId: person.id },
    conversation: { conversationType: 'personal', tenantId: DEMO_TENANT_ID, id: conversationId },
    recipient: { id: BOT_ID, name: 'Infosäk' },
    entities: [{ locale: 'sv-SE', country: 'SE', platform: 'Web', timezone: 'Europe/Stockholm', type: 'clientInfo' }],
    channelData: { tenant: { id: DEMO_TENANT_ID } },
    locale: 'sv-SE',
  };
}

export function messageActivity(person: DemoPerson, serviceUrl: string, text: string, extra: Record<string, unknown> = {}) {
  return { ...base(person, serviceUrl), type: 'message', text, textFormat: 'plain', ...extra };
}

export function submitActivity(person: DemoPerson, serviceUrl: string, value: Record<string, unknown>) {
  // Action.Submit arrives as a message with no text and the card's data in `value`.
  return { ...base(person, serviceUrl), type: 'message', value, channelData: { tenant: { id: DEMO_TENANT_ID }, source: { name: 'message' } } };
}

/** Someone in Entra ID who is no demo person, as Teams names them in the activities it sends (their own personal chat). */
export function entraUser(id: string): DemoPerson {
  return { persona: `u-${id.slice(-12)}`, id, displayName: id, givenName: '', surname: '', email: '', title: '', roles: [] };
}

export function installationUpdateActivity(person: DemoPerson, serviceUrl: string) {
  return {
    ...base(person, serviceUrl),
    type: 'installationUpdate',
    action: 'add',
    channelData: { tenant: { id: DEMO_TENANT_ID }, source: { name: 'message' } },
  };
}

export function botAddedActivity(person: DemoPerson, serviceUrl: string) {
  return {
    ...base(person, serviceUrl),
    type: 'conversationUpdate',
    membersAdded: [{ id: BOT_ID }],
    channelData: { tenant: { id: DEMO_TENANT_ID }, eventType: 'teamMemberAdded' },
  };
}

/** Action.Execute as Teams sends it: an invoke named adaptiveCard/action; the answer comes in the HTTP response. */
export function executeActivity(person: DemoPerson, serviceUrl: string, verb: string, data: Record<string, unknown>) {
  return {
    ...base(person, serviceUrl),
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    channelData: { tenant: { id: DEMO_TENANT_ID }, source: { name: 'message' } },
  };
}

/** A Teams message as the message action's payload carries it (messagePayload), here from someone outside the municipality. */
export function messagePayload(overrides: Record<string, unknown> = {}) {
  return {
    id: '1763970000000',
    replyToId: null,
    createdDateTime: '2026-03-02T07:45:00.000Z',
    lastModifiedDateTime: null,
    deleted: false,
    subject: null,
    summary: null,
    importance: 'normal',
    locale: 'sv-se',
    linkToMessage: 'https://teams.microsoft.com/l/message/19:grupp@thread.v2/1763970000000',
    from: { device: null, conversation: null, user: { userIdentityType: 'federatedUser', id: 'c0ffee00-0000-4000-8000-000000000001', displayName: 'IT-supporten' }, application: null },
    body: {
      contentType: 'html',
      content: '<div><p>Hej! Ditt lösenord går ut i dag.</p><p>Logga in <a href="https://login.example.net/reset">här</a> för att behålla kontot.</p></div>',
    },
    attachments: [],
    mentions: [],
    reactions: [],
    ...overrides,
  };
}

/**
 * A message action's invoke ("…" on a message, then the app's command), as Teams sends it from a
 * group chat the bot is not a member of: composeExtension/fetchTask opens the dialog, and
 * composeExtension/submitAction carries the dialog card's data.
 */
export function messageActionActivity(
  person: DemoPerson,
  serviceUrl: string,
  name: 'composeExtension/fetchTask' | 'composeExtension/submitAction',
  value: Record<string, unknown>,
) {
  return {
    ...base(person, serviceUrl, '19:grupp@thread.v2'),
    conversation: { isGroup: true, conversationType: 'groupChat', tenantId: DEMO_TENANT_ID, id: '19:grupp@thread.v2' },
    type: 'invoke',
    name,
    value: { commandId: 'reportMessage', commandContext: 'message', context: { theme: 'default' }, ...value },
    channelData: { tenant: { id: DEMO_TENANT_ID }, source: { name: 'compose' } },
  };
}
