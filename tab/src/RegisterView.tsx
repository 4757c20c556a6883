import { Badge, Button, Field, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3 } from '@fluentui/react-components';
import type { RegisterResponse, RegisterRow } from '../../src/api/tab-api-types';
import { ReferenceCell, WRAPPING_BADGE } from './CommitteeView';
import { day, registerColumn, type Lang, type T } from './texts';

const DECISION_COLOR: Record<RegisterRow['decision'], 'success' | 'informative' | 'warning' | 'danger'> = {
  anmald: 'success',
  'ej-anmalningspliktig': 'informative',
  anmalningspliktig: 'warning',
  'ej-beslutad': 'danger',
};

/** A label over its text in one cell; nothing when the text is empty. */
function Detail({ label, text }: { label?: string; text: string }) {
  if (!text) return null;
  return (
    <Text block size={200}>
      {label && <Text weight="semibold" size={200}>{label}: </Text>}
      {text}
    </Text>
  );
}

/**
 * The register of personal data breaches (GDPR art. 33.5) for the committees the person may read:
 * every incident with personal data, notified or not, with the assessment and the decision.
 */
export function RegisterView(props: {
  data: RegisterResponse;
  committees: { code: string; name: string }[];
  t: T;
  lang: Lang;
  imy: string;
  choose: (committee: string) => void;
  exportCsv: () => void;
}) {
  const { data, t, lang } = props;
  const col = (key: Parameters<typeof registerColumn>[1]) => registerColumn(lang, key, { authority: props.imy });
  return (
    <section aria-labelledby="register-heading">
      <Title3 block as="h2" id="register-heading">
        {t('registerTitle', { year: data.year })}
      </Title3>
      <Text block>{t('registerIntro')}</Text>
      <div className="no-print" style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'flex-end', margin: '8px 0' }}>
        {props.committees.length > 1 && (
          <Field label={t('registerFor')}>
            <Select value={data.committee} onChange={(_, d) => props.choose(d.value)}>
              <option value="all">{t('registerAll')}</option>
              {props.committees.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
        )}
        <Button onClick={props.exportCsv}>{t('exportCsv')}</Button>
        <Button onClick={() => window.print()}>{t('print')}</Button>
      </div>
      {data.rows.length === 0 ? (
        <Text block>{t('registerEmpty')}</Text>
      ) : (
        <Table aria-label={t('register')} size="small" style={{ tableLayout: 'auto' }}>
          <TableHeader>
            <TableRow>
              {(['reference', 'committee', 'discovered', 'category', 'subjects', 'riskLevel', 'decision', 'subjectsInformation'] as const).map((k) => (
                <TableHeaderCell scope="col" key={k}>
                  {col(k)}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.rows.map((r) => (
              <TableRow key={r.reference} data-reference={r.reference}>
                <TableCell>
                  <ReferenceCell reference={r.reference} caseNumber={r.caseNumber} secrecy={r.secrecy} t={t} lang={lang} />
                </TableCell>
                <TableCell>{r.committee}</TableCell>
                <TableCell>{day(r.discoveredAt, lang)}</TableCell>
                <TableCell>
                  <Text block weight="semibold" size={200}>
                    {r.category}
                  </Text>
                  <Detail text={r.description} />
                  <Detail label={col('consequences')} text={r.consequences} />
                  <Detail label={col('measuresTaken')} text={r.measuresTaken} />
                  <Detail label={col('measuresPlanned')} text={r.measuresPlanned} />
                </TableCell>
                <TableCell>
                  <Detail text={r.subjectCategories.join(', ')} />
                  <Detail text={r.dataCategories.join(', ')} />
                  <Detail label={col('people')} text={r.approxPeopleAffected === null ? '' : String(r.approxPeopleAffected)} />
                  <Detail label={col('records')} text={r.approxRecords === null ? '' : String(r.approxRecords)} />
                </TableCell>
                <TableCell>
                  <Detail text={r.riskLevel} />
                  <Detail text={r.riskMotivation} />
                </TableCell>
                <TableCell>
                  <Badge appearance="tint" color={DECISION_COLOR[r.decision]} shape="rounded" data-decision={r.decision} style={WRAPPING_BADGE}>
                    {r.decisionLabel}
                  </Badge>
                  <Detail text={r.decisionMotivation} />
                  <Detail label={col('notifiedAt')} text={day(r.imyNotifiedAt, lang)} />
                  <Detail label={col('authorityCaseNumber')} text={r.imyCaseNumber} />
                  <Detail label={col('lateReason')} text={r.imyLateReason} />
                  <Detail label={col('supplements')} text={r.supplementsAt.map((at) => day(at, lang)).join(', ')} />
                  <Detail label={col('decidedBy')} text={r.decidedBy} />
                </TableCell>
                <TableCell>
                  <Detail text={r.subjectsInformation} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
