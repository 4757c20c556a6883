/**
 * What becomes of a message that was at the Bot Connector when its sender stopped, its answer never
 * seen (it may well have arrived). Incident notifications and their deadline reminders are sent
 * again — at least once: a triager who misses one may miss the 72 hours to IMY. Everything else —
 * learning cards and their reminders, action-plan reminders, previews — is taken as sent, at most
 * once: the campaign's next reminder follows, and the same card twice in thousands of chats after
 * every restart is what people would notice.
 */
export function sendAgainIfInDoubt(message: { campaignId: string }): boolean {
  return message.campaignId.startsWith('incident:') || message.campaignId.startsWith('deadline:');
}
