import { Badge, Button, Link, MessageBar, MessageBarBody, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3 } from '@fluentui/react-components';
import type { CommitteeResponse, IncidentRow } from '../../src/status/status-view-types';
import { IncidentQuarterChart } from './Charts';
import { IncidentTable, PlanProgressView, TrainingView } from './Figures';
import { PlanGrid } from './PlanGrid';
import { StatusLegend } from './StatusBadge';
import { day, labelOf, percent, type Lang, type T } from './texts';

/** What the incident list offers per row: the card in the chat, and the authority drafts; `notice` reports how it went. */
export interface IncidentActions {
  authorities: { imy: string; csirt: string };
  open: (reference: string) => void;
  draft: (reference: string, kind: 'imy' | 'csirt') => void;
  /** Offered to those who set the committee's statuses (the server decides): an action in the plan after the incident. */
  createAction?: (reference: string) => void;
  notice?: { intent: 'success' | 'warning' | 'error'; text: string };
}

/** Badges that may wrap onto two lines in a narrow column (Fluent's badge has a fixed height otherwise). */
export const WRAPPING_BADGE = { height: 'auto', minHeight: 20, whiteSpace: 'normal', paddingTop: 1, paddingBottom: 1 } as const;

/** The reference with its diarienummer, and the secrecy mark where there is one: every view shows it. */
export function ReferenceCell({ reference, caseNumber, secrecy, t, lang }: { reference: string; caseNumber: string; secrecy: IncidentRow['secrecy']; t: T; lang: Lang }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 2 }}>
      <Text weight="semibold" style={{ whiteSpace: 'nowrap' }}>
        {reference}
      </Text>
      {caseNumber && <Text size={200}>{t('caseNumber', { caseNumber })}</Text>}
      {secrecy && (
        <Badge appearance="filled" color="danger" shape="rounded" title={labelOf(lang, 'secrecy', secrecy)} data-secrecy={secrecy} style={WRAPPING_BADGE}>
          {t(`secrecy.${secrecy}`)}
        </Badge>
      )}
    </div>
  );
}

function IncidentRowActions({ row, t, actions }: { row: IncidentRow; t: T; actions: IncidentActions }) {
  return (
    <div className="no-print" style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 4 }}>
      <Button size="small" aria-label={t('openLabel', { reference: row.reference })} onClick={() => actions.open(row.reference)}>
        {t('open')}
      </Button>
      {row.drafts.map((kind) => (
        <Link key={kind} as="button" data-draft={kind} onClick={() => actions.draft(row.reference, kind)}>
          {t('draft', { authority: actions.authorities[kind] })}
        </Link>
      ))}
      {actions.createAction && (
        <Link as="button" data-create-action={row.reference} onClick={() => actions.createAction!(row.reference)}>
          {t('createAction')}
        </Link>
      )}
      {row.actions.map((a) => (
        <Text size={200} key={`${a.year}-${a.title}`} data-action-of={row.reference}>
          {t('actionInPlan', { title: a.title, quarter: a.quarter, year: a.year })}
        </Text>
      ))}
    </div>
  );
}

/** One committee: the plan grid, training per module, incident figures (and the list, for those allowed). */
export function CommitteeView(props: { data: CommitteeResponse; categories: Record<string, string>; t: T; lang: Lang; exportCsv: () => void; report: () => void; reportBusy: boolean; actions: IncidentActions }) {
  const { data, categories, t, lang } = props;
  return (
    <section aria-labelledby="committee-heading">
      <Title3 block as="h2" id="committee-heading">
        {data.committee.name} {data.year}
      </Title3>
      <Text block>{data.committee.administration}</Text>
      <div className="no-print" style={{ display: 'flex', gap: 8, margin: '8px 0' }}>
        <Button onClick={props.exportCsv}>{t('exportCsv')}</Button>
        <Button disabledFocusable={props.reportBusy} onClick={props.report}>
          {t('annualReportCommittee')}
        </Button>
        <Button onClick={() => window.print()}>{t('print')}</Button>
      </div>
      <Title3 block as="h2">{t('plan')}</Title3>
      <PlanProgressView progress={data.plan.progress} t={t} />
      <StatusLegend label={t('statusLegend')} lang={lang} />
      <PlanGrid plan={data.plan} t={t} lang={lang} />
      <Title3 block as="h2">{t('training')}</Title3>
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
      <Title3 block as="h2">{t('incidents')}</Title3>
      {data.incidents.total > 0 && <IncidentQuarterChart figures={data.incidents} t={t} lang={lang} />}
      <IncidentTable figures={data.incidents} categories={categories} t={t} />
      {data.incidentList && props.actions.notice && (
        <MessageBar intent={props.actions.notice.intent} role="status" className="no-print" style={{ margin: '8px 0' }}>
          <MessageBarBody>{props.actions.notice.text}</MessageBarBody>
        </MessageBar>
      )}
      {data.incidentList ? (
        data.incidentList.length > 0 && (
          // Columns as wide as their content needs (Fluent's table divides the width evenly): the description gets the room.
          <Table aria-label={t('incidentList')} size="small" style={{ tableLayout: 'auto' }}>
            <TableHeader>
              <TableRow>
                {(['reference', 'category', 'description', 'status', 'severity', 'personalData', 'reported', 'actions'] as const).map((k) => (
                  <TableHeaderCell scope="col" key={k} className={k === 'actions' ? 'no-print' : undefined}>
                    {t(k)}
                  </TableHeaderCell>
                ))}
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.incidentList.map((i) => (
                <TableRow key={i.reference} data-reference={i.reference}>
                  <TableCell>
                    <ReferenceCell reference={i.reference} caseNumber={i.caseNumber} secrecy={i.secrecy} t={t} lang={lang} />
                  </TableCell>
                  <TableCell>
                    <Text block>{categories[i.category] ?? i.category}</Text>
                    <Text size={200} block data-kind={i.kind}>
                      {i.kind === 'weakness' ? t('weakness') : t('incident')}
                    </Text>
                  </TableCell>
                  <TableCell style={{ minWidth: 220 }}>{i.summary}</TableCell>
                  <TableCell>
                    <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 2 }}>
                      <span>{labelOf(lang, 'incidentStatus', i.status)}</span>
                      {i.missing.map((m) => (
                        <Badge key={m} appearance="tint" color="warning" shape="rounded" data-missing={m} style={WRAPPING_BADGE}>
                          <span aria-hidden="true">!&nbsp;</span>
                          {t(`missing.${m}`)}
                        </Badge>
                      ))}
                    </div>
                  </TableCell>
                  <TableCell>
                    {i.severity ? (
                      labelOf(lang, 'severity', i.severity)
                    ) : (
                      <Text size={200} italic>
                        {t('severityUnset')}
                      </Text>
                    )}
                  </TableCell>
                  <TableCell>{i.personalData ? t('yes') : t('no')}</TableCell>
                  <TableCell>{day(i.reportedAt, lang)}</TableCell>
                  <TableCell className="no-print">
                    <IncidentRowActions row={i} t={t} actions={props.actions} />
                  </TableCell>
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
