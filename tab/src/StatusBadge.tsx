import { Badge, type BadgeProps } from '@fluentui/react-components';
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
