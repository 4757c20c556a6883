import { Button, Link, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3 } from '@fluentui/react-components';
import type { OverviewResponse } from '../../src/status/status-view-types';
import { IncidentQuarterChart, TrainingTrendChart } from './Charts';
import { IncidentSummary, IncidentTable, PlanProgressView, TrainingView } from './Figures';
import { PlanRollupView } from './PlanRollupView';
import type { Lang, T } from './texts';

/** Every committee the person may see, side by side; a committee's name opens its view. */
export function OverviewView({ data, categories, t, lang, open, report, reportBusy }: { data: OverviewResponse; categories: Record<string, string>; t: T; lang: Lang; open: (code: string) => void; report: () => void; reportBusy: boolean }) {
  return (
    <section aria-labelledby="overview-heading">
      <Title3 block as="h2" id="overview-heading">
        {t('overview')} {data.year}
      </Title3>
      {/* Ledningens genomgång as a Word document, of the nämnder shown here. */}
      <div className="no-print" style={{ margin: '8px 0' }}>
        <Button disabledFocusable={reportBusy} onClick={report}>
          {t('annualReport')}
        </Button>
      </div>
      <Table aria-label={t('overview')} style={{ tableLayout: 'auto' }}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('committee')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('plan')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('training')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('incidents')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.committees.map((c) => (
            <TableRow key={c.code} data-committee={c.code}>
              <TableCell>
                <Link as="button" onClick={() => open(c.code)} style={{ textAlign: 'start' }}>
                  {c.name}
                </Link>
              </TableCell>
              <TableCell>
                <PlanProgressView progress={c.plan} t={t} />
              </TableCell>
              <TableCell>
                <TrainingView figure={c.training} target={data.target} t={t} lang={lang} />
              </TableCell>
              <TableCell>
                <IncidentSummary figures={c.incidents} t={t} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <PlanRollupView rollup={data.rollup} t={t} lang={lang} />
      <Title3 block as="h2">{t('training')}</Title3>
      <Text block>{t('allCommittees')}:</Text>
      <TrainingView figure={data.training.overall} target={data.target} t={t} lang={lang} />
      <Text block weight="semibold">
        {t('electedOfficials')}:
      </Text>
      <TrainingView figure={data.training.electedOfficials} target={data.target} t={t} lang={lang} />
      {data.trainingTrend && <TrainingTrendChart trend={data.trainingTrend} target={data.target} t={t} lang={lang} />}
      <Title3 block as="h2">{t('incidents')}</Title3>
      {data.incidents.total > 0 && <IncidentQuarterChart figures={data.incidents} t={t} lang={lang} />}
      <IncidentTable figures={data.incidents} categories={categories} t={t} />
    </section>
  );
}
