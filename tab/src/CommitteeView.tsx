import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3 } from '@fluentui/react-components';
import type { CommitteeResponse } from '../../src/status/status-view-types';
import { IncidentTable, PlanProgressView, TrainingView } from './Figures';
import { PlanGrid } from './PlanGrid';
import { day, labelOf, percent, type Lang, type T } from './texts';

/** One committee: the plan grid, training per module, incident figures (and the list, for those allowed). */
export function CommitteeView(props: { data: CommitteeResponse; categories: Record<string, string>; t: T; lang: Lang; exportCsv: () => void }) {
  const { data, categories, t, lang } = props;
  return (
    <section aria-labelledby="committee-heading">
      <Title3 as="h2" id="committee-heading">
        {data.committee.name} {data.year}
      </Title3>
      <Text block>{data.committee.administration}</Text>
      <div className="no-print" style={{ display: 'flex', gap: 8, margin: '8px 0' }}>
        <Button onClick={props.exportCsv}>{t('exportCsv')}</Button>
        <Button onClick={() => window.print()}>{t('print')}</Button>
      </div>
      <Title3 as="h2">{t('plan')}</Title3>
      <PlanProgressView progress={data.plan.progress} t={t} />
      <Text size={200} block>
        {t('statusLegend')}
      </Text>
      <PlanGrid plan={data.plan} t={t} lang={lang} />
      <Title3 as="h2">{t('training')}</Title3>
      <TrainingView figure={data.training.overall} target={data.target} t={t} lang={lang} />
      {data.training.modules.length > 0 && (
        <Table aria-label={t('training')} size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('module')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('completed')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.training.modules.map((m) => (
              <TableRow key={m.moduleId}>
                <TableCell>{m.title}</TableCell>
                <TableCell>
                  {percent(m.figure.rate, lang)} ({t('trainingOf', { completed: m.figure.completed, expected: m.figure.expected })})
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Title3 as="h2">{t('incidents')}</Title3>
      <IncidentTable figures={data.incidents} categories={categories} t={t} />
      {data.incidentList ? (
        data.incidentList.length > 0 && (
          <Table aria-label={t('incidentList')} size="small">
            <TableHeader>
              <TableRow>
                {(['reference', 'incident', 'category', 'description', 'status', 'severity', 'personalData', 'reported'] as const).map((k) => (
                  <TableHeaderCell scope="col" key={k}>
                    {k === 'incident' ? '' : t(k)}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.incidentList.map((i) => (
                <TableRow key={i.reference}>
                  <TableCell>{i.reference}</TableCell>
                  <TableCell>{i.kind === 'weakness' ? t('weakness') : t('incident')}</TableCell>
                  <TableCell>{categories[i.category] ?? i.category}</TableCell>
                  <TableCell>{i.summary}</TableCell>
                  <TableCell>{labelOf(lang, 'incidentStatus', i.status)}</TableCell>
                  <TableCell>{i.severity ? labelOf(lang, 'severity', i.severity) : ''}</TableCell>
                  <TableCell>{i.personalData ? t('yes') : t('no')}</TableCell>
                  <TableCell>{day(i.reportedAt, lang)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )
      ) : (
        <Text size={200} block>
          {t('figuresOnly')}
        </Text>
      )}
    </section>
  );
}
