import { Badge, Button, Popover, PopoverSurface, PopoverTrigger, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens } from '@fluentui/react-components';
import type { CommitteeResponse, GridActivity, QuarterCell } from '../../src/status/status-view-types';
import { useRef, useState } from 'react';
import { StatusBadge } from './StatusBadge';
import { day, labelOf, sentence, type Lang, type T } from './texts';

const QUARTERS = [1, 2, 3, 4] as const;

/** The quarter we are in: its column is shaded, so the eye finds what is being worked on. */
const CURRENT = { backgroundColor: tokens.colorBrandBackground2 };

function StatusCell({ activity, cell, t, lang }: { activity: GridActivity; cell: QuarterCell; t: T; lang: Lang }) {
  const details = cell.setBy ? t('setBy', { who: cell.setBy, when: day(cell.setAt, lang) }) : t('notSet');
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const late = cell.late ? (
    <Badge appearance="outline" color="danger" shape="rounded" size="small" data-late="true">
      <span aria-hidden="true">!&nbsp;</span>
      {t('late')}
    </Badge>
  ) : null;
  if (!cell.status) {
    return (
      <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center' }}>
        <Text size={200} aria-label={t('noStatusIn', { n: cell.quarter })}>
          {t('noStatus')}
        </Text>
        {late}
      </span>
    );
  }
  // Hover or focus opens it; a click on the cell keeps it open (it would otherwise close what the
  // hover just opened); Escape or a click elsewhere closes it.
  const onOpenChange = (event: { type: string; target: EventTarget | null }, data: { open: boolean }) =>
    setOpen(data.open || (event.type === 'click' && Boolean(trigger.current?.contains(event.target as Node))));
  return (
    <span style={{ display: 'inline-flex', gap: 4, alignItems: 'center', flexWrap: 'wrap' }}>
      <Popover openOnHover withArrow positioning="below" open={open} onOpenChange={onOpenChange}>
        <PopoverTrigger disableButtonEnhancement>
          <Button
            ref={trigger}
            appearance="transparent"
            size="small"
            aria-label={[`${activity.title}, ${t('quarter', { n: cell.quarter })}: ${labelOf(lang, 'activityStatus', cell.status)}`, cell.comment || t('noComment'), details].map(sentence).join(' ')}
          >
            <StatusBadge status={cell.status} lang={lang} />
          </Button>
        </PopoverTrigger>
        <PopoverSurface aria-label={activity.title} style={{ maxWidth: 420 }}>
          <Text weight="semibold" block>
            {activity.title}, {t('quarter', { n: cell.quarter })}: {labelOf(lang, 'activityStatus', cell.status)}
          </Text>
          <Text block>{cell.comment || t('noComment')}</Text>
          <Text size={200} block>
            {details}
          </Text>
        </PopoverSurface>
      </Popover>
      {late}
    </span>
  );
}

/** Each quarter's comment, who set it and when, written out: shown on demand on screen, always in print. */
function Comments({ activity, t, lang }: { activity: GridActivity; t: T; lang: Lang }) {
  const withStatus = activity.cells.filter((c) => c.status);
  if (withStatus.length === 0) return <Text size={200}>{t('noComment')}</Text>;
  return (
    <>
      {withStatus.map((c) => (
        <Text size={200} block key={c.quarter}>
          <Text size={200} weight="semibold">
            {t('quarter', { n: c.quarter })}, {labelOf(lang, 'activityStatus', c.status as GridActivity['status'])}:
          </Text>{' '}
          {c.comment || t('noComment')} {c.setBy ? `(${c.setBy}, ${day(c.setAt, lang)})` : ''}
        </Text>
      ))}
    </>
  );
}

function ActivityRow({ area, activity, first, t, lang }: { area: string; activity: GridActivity; first: boolean; t: T; lang: Lang }) {
  const [expanded, setExpanded] = useState(false);
  const cellOf = (q: number) => activity.cells.find((c) => c.quarter === q);
  return (
    <TableRow data-activity={activity.activityId}>
      <TableCell>{first ? <Text weight="semibold">{area}</Text> : <span className="print-only" />}</TableCell>
      <TableCell>
        <Text>{activity.title}</Text>{' '}
        {activity.incidentRef && (
          <Text size={200} data-incident={activity.incidentRef}>
            ({t('fromIncident', { reference: activity.incidentRef })}
            {activity.owner ? `, ${activity.owner}` : ''}){' '}
          </Text>
        )}
        <Button className="no-print" appearance="subtle" size="small" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? t('hideComments') : t('showComments')}
        </Button>
        <div className={expanded ? undefined : 'print-only'} data-comments={activity.activityId}>
          <Comments activity={activity} t={t} lang={lang} />
        </div>
      </TableCell>
      {QUARTERS.map((q) => {
        const cell = cellOf(q);
        return (
          <TableCell key={q} data-quarter={q} data-current={cell?.current ? 'true' : undefined} style={cell?.current ? CURRENT : undefined}>
            {cell ? <StatusCell activity={activity} cell={cell} t={t} lang={lang} /> : <span className="visually-hidden">{t('notInQuarter')}</span>}
          </TableCell>
        );
      })}
    </TableRow>
  );
}

/**
 * The year's plan in the shape of the yearly follow-up: areas and activities down, the four
 * quarters across, each quarter's own status (a later quarter never shows as an earlier one's).
 * The current quarter is shaded; a quarter that has passed without the activity done is marked
 * late. Each quarter's comment opens on hover, focus or click, and all of them under the activity
 * with "Visa kommentarer" (and always in print).
 */
export function PlanGrid({ plan, t, lang }: { plan: CommitteeResponse['plan']; t: T; lang: Lang }) {
  if (plan.areas.length === 0) return <Text>{t('noActivities')}</Text>;
  const current = plan.areas.flatMap((a) => a.activities).flatMap((a) => a.cells).find((c) => c.current)?.quarter;
  return (
    <Table aria-label={t('plan')} size="small" style={{ tableLayout: 'auto' }}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('area')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('activity')}</TableHeaderCell>
          {QUARTERS.map((q) => (
            <TableHeaderCell scope="col" key={q} style={q === current ? CURRENT : undefined}>
              {q === current ? t('currentQuarter', { n: q }) : t('quarter', { n: q })}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {plan.areas.flatMap((area) => area.activities.map((a, i) => <ActivityRow key={a.activityId} area={area.area} activity={a} first={i === 0} t={t} lang={lang} />))}
      </TableBody>
    </Table>
  );
}
