import { Button, Popover, PopoverSurface, PopoverTrigger, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import type { CommitteeResponse, GridActivity } from '../../src/status/status-view-types';
import { useRef, useState } from 'react';
import { StatusBadge } from './StatusBadge';
import { day, type Lang, type T, labelOf } from './texts';

const QUARTERS = [1, 2, 3, 4] as const;

function StatusCell({ activity, t, lang }: { activity: GridActivity; t: T; lang: Lang }) {
  const details = activity.setBy ? t('setBy', { who: activity.setBy, when: day(activity.setAt, lang) }) : t('notSet');
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  // Hover or focus opens it; a click on the cell keeps it open (it would otherwise close what the
  // hover just opened); Escape or a click elsewhere closes it.
  const onOpenChange = (event: { type: string; target: EventTarget | null }, data: { open: boolean }) =>
    setOpen(data.open || (event.type === 'click' && Boolean(trigger.current?.contains(event.target as Node))));
  return (
    <Popover openOnHover withArrow positioning="below" open={open} onOpenChange={onOpenChange}>
      <PopoverTrigger disableButtonEnhancement>
        <Button ref={trigger} appearance="transparent" size="small" aria-label={`${activity.title}: ${labelOf(lang, 'activityStatus', activity.status)}. ${activity.comment || t('noComment')}. ${details}`}>
          <StatusBadge status={activity.status} lang={lang} />
        </Button>
      </PopoverTrigger>
      <PopoverSurface aria-label={activity.title} style={{ maxWidth: 420 }}>
        <Text weight="semibold" block>
          {activity.title}: {activity.status}
        </Text>
        <Text block>{activity.comment || t('noComment')}</Text>
        <Text size={200} block>
          {details}
        </Text>
      </PopoverSurface>
    </Popover>
  );
}

/**
 * The year's plan in the shape of the yearly follow-up: areas and activities down, the four
 * quarters across, the status in each quarter the activity runs in. The latest comment and who
 * set it open on hover, focus or click; in print they are written out under each activity.
 */
export function PlanGrid({ plan, t, lang }: { plan: CommitteeResponse['plan']; t: T; lang: Lang }) {
  if (plan.areas.length === 0) return <Text>{t('noActivities')}</Text>;
  return (
    <Table aria-label={t('plan')} size="small" style={{ tableLayout: 'auto' }}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('area')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('activity')}</TableHeaderCell>
          {QUARTERS.map((q) => (
            <TableHeaderCell scope="col" key={q}>
              {t('quarter', { n: q })}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {plan.areas.flatMap((area) =>
          area.activities.map((a, i) => (
            <TableRow key={a.activityId} data-activity={a.activityId}>
              <TableCell>{i === 0 ? <Text weight="semibold">{area.area}</Text> : <span className="print-only" />}</TableCell>
              <TableCell>
                <Text>{a.title}</Text>
                <div className="print-only">
                  <Text size={200}>
                    {a.comment} {a.setBy ? `(${a.setBy}, ${day(a.setAt, lang)})` : ''}
                  </Text>
                </div>
              </TableCell>
              {QUARTERS.map((q) => (
                <TableCell key={q} data-quarter={q}>
                  {a.quarters.includes(q) ? <StatusCell activity={a} t={t} lang={lang} /> : <span className="visually-hidden">{t('notInQuarter')}</span>}
                </TableCell>
              ))}
            </TableRow>
          )),
        )}
      </TableBody>
    </Table>
  );
}
