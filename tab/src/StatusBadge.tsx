import { Badge, Text, type BadgeProps } from '@fluentui/react-components';
import type { StatusName } from '../../src/status/status-view-types';
import { labelOf, type Lang } from './texts';

/** Colour, symbol and text together: colour is never the only carrier of the status. */
const LOOK: Record<StatusName, { color: BadgeProps['color']; symbol: string }> = {
  Genomförd: { color: 'success', symbol: '✓' },
  'Delvis genomförd': { color: 'brand', symbol: '◕' },
  Pågående: { color: 'brand', symbol: '◑' },
  Påbörjad: { color: 'warning', symbol: '◔' },
  'Delvis påbörjad': { color: 'warning', symbol: '◔' },
  'Ej påbörjad': { color: 'danger', symbol: '○' },
  'Flyttas till nästa år': { color: 'informative', symbol: '→' },
};

export function StatusBadge({ status, lang }: { status: StatusName; lang: Lang }) {
  const look = LOOK[status];
  return (
    <Badge appearance="tint" color={look.color} shape="rounded" data-status={status}>
      <span aria-hidden="true">{look.symbol}&nbsp;</span>
      {labelOf(lang, 'activityStatus', status)}
    </Badge>
  );
}

/** What each status looks like, once above the grid: the statuses in the plan's order, each as it appears in a cell. */
export function StatusLegend({ label, lang }: { label: string; lang: Lang }) {
  return (
    <div role="group" aria-label={label} style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6, margin: '4px 0 8px' }}>
      <Text size={200}>{label}:</Text>
      {(Object.keys(LOOK) as StatusName[]).map((status) => (
        <StatusBadge key={status} status={status} lang={lang} />
      ))}
    </div>
  );
}
