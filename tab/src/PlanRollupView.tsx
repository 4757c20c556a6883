import { ProgressBar, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3, tokens } from '@fluentui/react-components';
import type { PlanRollup, StatusName } from '../../src/status/status-view-types';
import { labelOf, type Lang, type T } from './texts';

/** The plan's order of statuses, from not started to done (and moved on). */
const ORDER: StatusName[] = ['Ej påbörjad', 'Delvis påbörjad', 'Påbörjad', 'Pågående', 'Delvis genomförd', 'Genomförd', 'Flyttas till nästa år'];

/** A segment's colours: tint pairs from Fluent's palette, so text on them keeps its contrast in every theme. */
const SEGMENT: Record<StatusName, { background: string; color: string }> = {
  'Ej påbörjad': { background: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2 },
  'Delvis påbörjad': { background: tokens.colorPaletteDarkOrangeBackground2, color: tokens.colorPaletteDarkOrangeForeground2 },
  Påbörjad: { background: tokens.colorPaletteMarigoldBackground2, color: tokens.colorPaletteMarigoldForeground2 },
  Pågående: { background: tokens.colorPaletteBlueBackground2, color: tokens.colorPaletteBlueForeground2 },
  'Delvis genomförd': { background: tokens.colorPaletteTealBackground2, color: tokens.colorPaletteTealForeground2 },
  Genomförd: { background: tokens.colorPaletteGreenBackground2, color: tokens.colorPaletteGreenForeground2 },
  'Flyttas till nästa år': { background: tokens.colorPaletteGrapeBackground2, color: tokens.colorPaletteGrapeForeground2 },
};

/**
 * One nämnd's activities as a stacked bar, a segment per status. Decoration only (aria-hidden):
 * the table row it sits in carries the same counts as text, so colour is never the only carrier.
 */
function StackedBar({ byStatus, total, lang }: { byStatus: PlanRollup['committees'][number]['byStatus']; total: number; lang: Lang }) {
  return (
    <div aria-hidden="true" data-bar="true" style={{ display: 'flex', width: '100%', height: 20, boxSizing: 'border-box', border: `1px solid ${tokens.colorNeutralStroke1}`, borderRadius: 2, overflow: 'hidden' }}>
      {ORDER.filter((s) => byStatus[s]).map((s) => (
        <div
          key={s}
          data-segment={s}
          title={`${labelOf(lang, 'activityStatus', s)}: ${byStatus[s]}`}
          style={{
            flexGrow: byStatus[s],
            flexBasis: 0,
            minWidth: 14,
            ...SEGMENT[s],
            borderRight: `1px solid ${tokens.colorNeutralBackground1}`,
            fontSize: tokens.fontSizeBase100,
            lineHeight: '20px',
            textAlign: 'center',
          }}
        >
          {total ? byStatus[s] : ''}
        </div>
      ))}
    </div>
  );
}

/** The municipality roll-up: per activity how many nämnder have it done, and per nämnd its activities by status. */
export function PlanRollupView({ rollup, t, lang }: { rollup: PlanRollup; t: T; lang: Lang }) {
  if (rollup.activities.length === 0) return null;
  const statuses = ORDER.filter((s) => rollup.committees.some((c) => c.byStatus[s]));
  return (
    <section aria-labelledby="rollup-heading">
      <Title3 block as="h2" id="rollup-heading">
        {t('rollup')}
      </Title3>
      <Table aria-label={t('rollupActivities')} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('activity')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('rollupDoneColumn')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rollup.activities.map((a) => {
            const label = t('rollupDone', { done: a.done, total: a.applies });
            return (
              <TableRow key={a.activityId} data-rollup-activity={a.activityId}>
                <TableCell>{a.title}</TableCell>
                <TableCell>
                  <div>
                    <Text data-rollup-done="true">{label}</Text>
                    <ProgressBar value={a.applies ? a.done / a.applies : 0} thickness="large" aria-label={`${a.title}: ${label}`} color={a.done === a.applies ? 'success' : 'brand'} />
                  </div>
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
      <Title3 block as="h2" id="rollup-committees-heading">
        {t('rollupByCommittee')}
      </Title3>
      <Table aria-labelledby="rollup-committees-heading" size="small" style={{ tableLayout: 'auto' }}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col" style={{ width: '16%' }}>
              {t('committee')}
            </TableHeaderCell>
            <TableHeaderCell scope="col" style={{ width: '16%' }}>
              <span aria-hidden="true">{t('rollupBar')}</span>
            </TableHeaderCell>
            {statuses.map((s) => (
              <TableHeaderCell scope="col" key={s} data-status={s} style={{ overflowWrap: 'break-word', fontSize: tokens.fontSizeBase200 }}>
                {/* The swatch is the bar's legend; the words carry the status */}
                <span aria-hidden="true" style={{ display: 'inline-block', flexShrink: 0, width: 10, height: 10, marginRight: 4, background: SEGMENT[s].background, border: `1px solid ${SEGMENT[s].color}` }} />
                {labelOf(lang, 'activityStatus', s)}
              </TableHeaderCell>
            ))}
            <TableHeaderCell scope="col" style={{ width: '5%' }}>
              {t('total')}
            </TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {rollup.committees.map((c) => (
            <TableRow key={c.code} data-rollup-committee={c.code}>
              <TableCell>{c.name}</TableCell>
              <TableCell>
                <StackedBar byStatus={c.byStatus} total={c.total} lang={lang} />
              </TableCell>
              {statuses.map((s) => (
                <TableCell key={s} data-count={s}>
                  {c.byStatus[s] ?? 0}
                </TableCell>
              ))}
              <TableCell>{c.total}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
