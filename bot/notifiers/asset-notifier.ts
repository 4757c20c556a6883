import type { AssetNotifier, AssetReminderItem } from '../../src/assets/asset-reminders';
import { formatDay } from '../../src/clock/stockholm-time';
import { t, type Locale } from '../../src/i18n/texts';
import type { OutboxNotifierDeps } from './outbox-notifier-deps';

/** One line per reminder: the asset, its nämnd, and what is due since when. */
function line(locale: Locale, item: AssetReminderItem, committee: string): string {
  const asset = `**${item.assetName}** (${committee})`;
  const due = item.due ? formatDay(item.due, locale) : '';
  if (item.kind === 'measure') return t(locale, 'asset.reminder.measure', { asset, what: item.what ?? '', due });
  return t(locale, `asset.reminder.${item.kind}${item.due ? '' : 'Missing'}`, { asset, due });
}

/** Puts each systemägare's reminders, one message per person, in the delivery service's outbox. */
export function assetNotifier(deps: OutboxNotifierDeps): AssetNotifier {
  return {
    async reminders(recipients) {
      const names = new Map((await deps.committees.list()).map((c) => [c.code, c.name]));
      await deps.enqueue(
        recipients.map(({ key, personId, items }) => ({
          key,
          campaignId: 'assets',
          personId,
          activity: { type: 'message', text: t(deps.locale, 'asset.reminder.text', { lines: items.map((i) => `- ${line(deps.locale, i, names.get(i.committeeCode) ?? i.committeeCode)}`).join('\n') }) },
        })),
      );
    },
  };
}
