import { addDays, stockholmDate } from '../clock/stockholm-time';
import { audienceOf, type Campaign, type CampaignOrigin } from '../learning/campaign';
import { phaseOf } from '../learning/campaign-figures';
import { entryOf, messageKeyOf, reminderDueOn, type CampaignDeps } from '../learning/campaign-messages';
import { allLearners } from '../learning/learners';
import { checkCampaignInput, planCampaigns, plannedFields, twinOf, type CampaignProblem } from '../learning/plan-campaigns';
import { isWithinReminderWindow } from '../learning/reminder-window';
import { inBatches } from '../ops/in-batches';
import { changedFields, recordAudit } from '../store/record-audit';

/**
 * What the security officer does with campaigns from the tab, with the same checks and messages
 * as `npm run learning -- campaign add`: create one, change it until it starts, send its card to
 * themself first, remind now, end it. Each change leaves an audit entry (who, what, before, after).
 */
export type CampaignAdminResult =
  | { ok: true; campaign: Campaign; queued?: number }
  | { ok: false; status: 400 | 404 | 409; problems: CampaignProblem[] };

const refused = (status: 404 | 409, message: string): CampaignAdminResult => ({ ok: false, status, problems: [{ where: 'kampanjen', message }] });

async function stored(deps: CampaignDeps, campaignId: string) {
  return (await deps.store.campaigns.getByKey(campaignId)) ?? undefined;
}

export async function createCampaign(deps: CampaignDeps, input: unknown, actorId: string, origin?: CampaignOrigin): Promise<CampaignAdminResult> {
  const at = deps.clock.now();
  // A start in the past would be sent at once and end overdue; the command line plans ahead from files, the page today and after.
  const start = (input as { startDate?: unknown } | undefined)?.startDate;
  if (typeof start === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(start) && start < stockholmDate(at)) {
    return { ok: false, status: 400, problems: [{ where: 'kampanjen', message: 'startdatum har redan passerat' }] };
  }
  const outcome = await planCampaigns(deps.store, deps.library, [input], { createdBy: actorId, at, ...(origin ? { origin } : {}) });
  if ('problems' in outcome) return { ok: false, status: 400, problems: outcome.problems };
  const campaign = outcome.created[0];
  if (!campaign) {
    const other = outcome.existing[0]?.campaignId ?? '';
    // Stored already: under the id the input gave, or as the same sending under another id.
    const givenId = (input as { campaignId?: unknown }).campaignId;
    return refused(409, givenId === other ? `det finns redan en kampanj med id ${other}` : `det finns redan en kampanj med samma modul, målgrupp och startdatum (${other})`);
  }
  await recordAudit(deps.store, `campaign:${campaign.campaignId}:created`, {
    at: at.toISOString(),
    actorId,
    recordKind: 'campaign',
    recordKey: campaign.campaignId,
    action: 'skapad',
    before: '',
    after: JSON.stringify(campaign),
  });
  return { ok: true, campaign };
}

/** A campaign may be changed until it starts: after that, people have its card and its dates. */
export async function changeCampaign(deps: CampaignDeps, campaignId: string, input: unknown, actorId: string): Promise<CampaignAdminResult> {
  const item = await stored(deps, campaignId);
  if (!item) return refused(404, `kampanjen ${campaignId} finns inte`);
  const today = stockholmDate(deps.clock.now());
  if (phaseOf(item.value, today) !== 'planned') return refused(409, 'kampanjen har börjat och kan inte längre ändras; avsluta den och skapa en ny');
  const committees = new Set((await deps.store.committees.query()).map((x) => x.value.code));
  // The same checks as a new campaign's (the command line's); the id it keeps is not the input's to check
  // (one made from a committee code such as ÖFN is not one a person may type).
  const fields = { ...((input && typeof input === 'object' ? input : {}) as Record<string, unknown>) };
  delete fields.campaignId;
  const { problems, campaign: c } = checkCampaignInput(fields, 'kampanjen', deps.library, committees);
  if (c && c.startDate < today) problems.push({ where: 'kampanjen', message: 'startdatum har redan passerat' });
  if (!c || problems.length) return { ok: false, status: 400, problems };
  const twin = await twinOf(deps.store, c, campaignId);
  if (twin) return refused(409, `det finns redan en kampanj med samma modul, målgrupp och startdatum (${twin.campaignId})`);
  const patch = plannedFields(c);
  const updated = await deps.store.campaigns.update(item.id, item.etag, patch);
  const at = deps.clock.now().toISOString();
  await recordAudit(deps.store, `campaign:${campaignId}:changed:${at}`, { at, actorId, recordKind: 'campaign', recordKey: campaignId, action: 'ändrad', ...changedFields(item.value, patch) });
  return { ok: true, campaign: updated.value };
}

/**
 * Ends a running campaign: nothing more goes out from today — its due date becomes yesterday (and
 * its start too, when it began today, so the record stays a period) and its messages still in the
 * queue are taken out, those waiting for a chat included.
 */
export async function endCampaign(deps: CampaignDeps, campaignId: string, actorId: string): Promise<CampaignAdminResult> {
  const item = await stored(deps, campaignId);
  if (!item) return refused(404, `kampanjen ${campaignId} finns inte`);
  const now = deps.clock.now();
  const today = stockholmDate(now);
  if (phaseOf(item.value, today) !== 'running') return refused(409, 'bara en pågående kampanj kan avslutas');
  const yesterday = addDays(today, -1);
  const patch = { dueDate: yesterday, ...(item.value.startDate > yesterday ? { startDate: yesterday } : {}) };
  const updated = await deps.store.campaigns.update(item.id, item.etag, patch);
  const cancelled = await deps.ops.outbox.cancelQueued(`learning:${campaignId}`);
  await recordAudit(deps.store, `campaign:${campaignId}:ended`, {
    at: now.toISOString(),
    actorId,
    recordKind: 'campaign',
    recordKey: campaignId,
    action: 'avslutad',
    ...changedFields(item.value, patch),
    after: JSON.stringify({ ...patch, cancelledMessages: cancelled }),
  });
  return { ok: true, campaign: updated.value };
}

/**
 * Sends the campaign's card to the one asking, as staff will get it, before anyone else does. Its
 * messages are kept apart from the campaign's own, so its figures count only the audience.
 */
export async function sendPreview(deps: CampaignDeps, campaignId: string, personId: string): Promise<CampaignAdminResult> {
  const item = await stored(deps, campaignId);
  if (!item) return refused(404, `kampanjen ${campaignId} finns inte`);
  const at = deps.clock.now().toISOString();
  // ':' cannot occur in a campaign's id, so no campaign can share a preview's messages.
  const preview = { ...item.value, campaignId: `forhandsvisning:${campaignId}` };
  await deps.notifier.moduleCards(preview, [{ key: `learning:${preview.campaignId}:${personId}:${at}`, personId, reminder: 0 }]);
  return { ok: true, campaign: item.value, queued: 1 };
}

/**
 * A module's card to the one asking, as staff get it in a campaign due in two weeks: how it reads
 * in Teams, before any campaign is planned. Kept apart from every campaign's figures.
 */
export async function sendModulePreview(deps: CampaignDeps, moduleId: string, personId: string): Promise<CampaignAdminResult> {
  const module = deps.library.byId(moduleId);
  if (!module) return refused(404, `modulen ${moduleId} finns inte`);
  const now = deps.clock.now();
  const campaign: Campaign = {
    campaignId: `forhandsvisning:${moduleId}`,
    moduleId,
    audience: 'alla',
    committeeCodes: [],
    startDate: stockholmDate(now),
    dueDate: addDays(stockholmDate(now), 14),
    reminderEveryDays: 7,
    maxReminders: 0,
    createdBy: personId,
    createdAt: now.toISOString(),
  };
  await deps.notifier.moduleCards(campaign, [{ key: `learning:${campaign.campaignId}:${personId}:${now.toISOString()}`, personId, reminder: 0 }]);
  return { ok: true, campaign, queued: 1 };
}

/**
 * A reminder now, outside the schedule, to those in the audience who had the first card before
 * today and have not passed: once a day at most, only on weekdays 08–17 Stockholm time, as every
 * reminder. Nobody gets two the same day: whoever the schedule has reminded today (on the day a
 * reminder falls due, or the first working day after it) is left out, and for those it has not
 * yet reminded, this counts as that reminder.
 */
export async function remindNow(deps: CampaignDeps, campaignId: string, actorId: string): Promise<CampaignAdminResult> {
  const item = await stored(deps, campaignId);
  if (!item) return refused(404, `kampanjen ${campaignId} finns inte`);
  const campaign = item.value;
  const now = deps.clock.now();
  const today = stockholmDate(now);
  if (phaseOf(campaign, today) !== 'running') return refused(409, 'påminnelser kan bara skickas för en pågående kampanj');
  if (!deps.library.byId(campaign.moduleId)) return refused(409, `modulen ${campaign.moduleId} finns inte längre`);
  if (!isWithinReminderWindow(now)) return refused(409, 'påminnelser skickas vardagar 08–17; försök igen då');
  const due = reminderDueOn(campaign, today);
  const sentToday = (at: string | undefined) => at !== undefined && stockholmDate(new Date(at)) === today;
  const audience = audienceOf(campaign, await allLearners(deps.store, deps.ops.staff)).map((l) => l.personId);
  // Each person to remind, and whether the schedule's due reminder is still to come for them (then this is it, under its key).
  const left: { personId: string; isDue: boolean }[] = [];
  await inBatches(audience, async (batch) => {
    const passed = await deps.passed(campaign.moduleId, batch);
    const notPassed = batch.filter((_, i) => !passed[i]);
    // Only those who had the first card before today: a reminder never comes first, nor the day the card came.
    const firstAt = await deps.ops.ledger.claimedAtMany(notPassed.map((p) => entryOf(campaign, 0, p)));
    const known = notPassed.filter((_, i) => firstAt[i] !== undefined && !sentToday(firstAt[i]));
    const dueAt = due > 0 ? await deps.ops.ledger.claimedAtMany(known.map((p) => entryOf(campaign, due, p))) : [];
    known.forEach((personId, i) => {
      if (!sentToday(dueAt[i])) left.push({ personId, isDue: due > 0 && dueAt[i] === undefined });
    });
  });
  // Nobody to remind leaves the day's press unused, so the button works once there is.
  if (left.length === 0) return { ok: true, campaign, queued: 0 };
  // One manual reminder a day, claimed before anything is queued: two presses (two people, two tabs) send once.
  const year = Number(campaign.startDate.slice(0, 4));
  const claimedToday = await deps.ops.ledger.claim({ year, quarter: 0, kind: `learning:${campaignId}:manual:${today}`, committee: '', person: '' }, now.toISOString());
  if (!claimedToday) return refused(409, 'kampanjen har redan påmints i dag');
  await inBatches(left, async (batch) => {
    // The due reminder keeps the schedule's key, so the scheduler queueing it at the same moment sends it once.
    const keyOf = ({ personId, isDue }: (typeof left)[number]) => (isDue ? messageKeyOf(entryOf(campaign, due, personId)) : `learning:${campaignId}:manual:${today}:${personId}`);
    await deps.notifier.moduleCards(campaign, batch.map((p) => ({ key: keyOf(p), personId: p.personId, reminder: Math.max(1, due) })));
    const nowDue = batch.filter((p) => p.isDue);
    if (nowDue.length > 0) await deps.ops.ledger.claimMany(nowDue.map((p) => entryOf(campaign, due, p.personId)), now.toISOString());
  });
  const queued = left.length;
  await recordAudit(deps.store, `campaign:${campaignId}:reminded:${today}`, { at: now.toISOString(), actorId, recordKind: 'campaign', recordKey: campaignId, action: 'påmind', before: '', after: JSON.stringify({ people: queued }) });
  return { ok: true, campaign, queued };
}
