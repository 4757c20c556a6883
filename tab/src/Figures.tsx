import { Badge, ProgressBar, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from '@fluentui/react-components';
import type { IncidentFigures, PlanProgress, TrainingFigure } from '../../src/status/status-view-types';
import { percent, type Lang, type T } from './texts';

export function PlanProgressView({ progress, t }: { progress: PlanProgress; t: T }) {
  const share = progress.total ? progress.done / progress.total : 0;
  const label = t('planProgress', { done: progress.done, total: progress.total });
  return (
    <div>
      <Text block>{label}</Text>
      <ProgressBar value={share} thickness="large" aria-label={label} color={share >= 1 ? 'success' : 'brand'} />
    </div>
  );
}

export function TrainingView({ figure, target, t, lang }: { figure: TrainingFigure; target: number; t: T; lang: Lang }) {
  if (figure.rate === null) return <Text block>{t('trainingNone')}</Text>;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6 }}>
      <Text>
        {t('trainingRate', { rate: percent(figure.rate, lang), target: percent(target, lang) })} · {t('trainingOf', { completed: figure.completed, expected: figure.expected })}
      </Text>
      <Badge appearance="tint" color={figure.meetsTarget ? 'success' : 'warning'}>
        <span aria-hidden="true">{figure.meetsTarget ? '✓\u00a0' : '!\u00a0'}</span>
        {figure.meetsTarget ? t('meetsTarget') : t('belowTarget')}
      </Badge>
      {figure.reached && figure.reached.rate !== null && (
        // Beside the share of all staff: a low figure for want of reach reads differently from one not done.
        <Text block size={200} data-figure="reached" style={{ flexBasis: '100%' }}>
          {t('trainingReached', { rate: percent(figure.reached.rate, lang), completed: figure.reached.completed, expected: figure.reached.expected })}
        </Text>
      )}
    </div>
  );
}

export function IncidentSummary({ figures, t }: { figures: IncidentFigures; t: T }) {
  return <Text block>{t('incidentsSummary', { total: figures.total, open: figures.open, weaknesses: figures.weaknesses })}</Text>;
}

/** Incidents by category (down) and quarter (across), with totals. */
export function IncidentTable({ figures, categories, t }: { figures: IncidentFigures; categories: Record<string, string>; t: T }) {
  if (figures.total === 0) return <Text block>{t('noIncidents')}</Text>;
  const rows = Object.keys(categories).filter((c) => figures.byCategory[c]);
  return (
    <Table aria-label={t('incidents')} size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('category')}</TableHeaderCell>
          {[1, 2, 3, 4].map((q) => (
            <TableHeaderCell scope="col" key={q}>
              {t('quarter', { n: q })}
            </TableHeaderCell>
          ))}
          <TableHeaderCell scope="col">{t('total')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((c) => {
          const counts = figures.byCategory[c]!;
          return (
            <TableRow key={c}>
              <TableCell>{categories[c]}</TableCell>
              {counts.map((n, i) => (
                <TableCell key={i}>{n}</TableCell>
              ))}
              <TableCell>{counts.reduce((a, b) => a + b, 0)}</TableCell>
            </TableRow>
          );
        })}
        <TableRow>
          <TableCell>
            <Text weight="semibold">{t('total')}</Text>
          </TableCell>
          {figures.byQuarter.map((n, i) => (
            <TableCell key={i}>
              <Text weight="semibold">{n}</Text>
            </TableCell>
          ))}
          <TableCell>
            <Text weight="semibold">{figures.total}</Text>
          </TableCell>
        </TableRow>
      </TableBody>
    </Table>
  );
}
