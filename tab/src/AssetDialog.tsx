import {
  Badge,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
  Spinner,
  Textarea,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AssetDetailResponse } from '../../src/api/tab-api-types';
import type { ApiClient } from './api-client';
import { useReturnFocus } from './return-focus';
import { day, type Lang, type T } from './texts';

type Detail = AssetDetailResponse;
type Measure = Detail['measures'][number];

/**
 * One asset opened from the register: its classification, its risk analyses, the measures they
 * require and the incidents reported against it. Those who may record a new analysis with its
 * measures, set a measure's status and put a measure in the nämnd's action plan; the server checks
 * each of these again.
 */
export function AssetDialog(props: { assetId: string; open: boolean; t: T; lang: Lang; api: ApiClient; close: () => void; changed: () => void }) {
  const { t, lang, api, assetId } = props;
  const [detail, setDetail] = useState<Detail>();
  const [problem, setProblem] = useState('');
  const [notice, setNotice] = useState('');
  const returnFocus = useReturnFocus(props.open);
  const close = () => {
    props.close();
    returnFocus();
  };
  const load = useCallback(() => {
    api
      .asset(assetId)
      .then(setDetail)
      .catch((err: unknown) => {
        setNotice('');
        setProblem(err instanceof Error ? err.message : String(err));
      });
  }, [api, assetId]);
  useEffect(load, [load]);
  const done = (message: string) => {
    setProblem('');
    setNotice(message);
    load();
    props.changed();
  };
  const failed = (err: unknown) => {
    setNotice('');
    setProblem(err instanceof Error ? err.message : String(err));
  };
  const a = detail?.asset;
  return (
    <Dialog open={props.open} onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface aria-label={a?.assetName ?? (problem ? t('assetNotLoaded') : t('assetLoading'))} style={{ maxWidth: 880 }}>
        <DialogBody>
          <DialogTitle>{a?.assetName ?? (problem ? t('assetNotLoaded') : t('assetLoading'))}</DialogTitle>
          <DialogContent style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
            {problem && (
              <MessageBar intent="error">
                <MessageBarBody>{problem}</MessageBarBody>
              </MessageBar>
            )}
            {notice && (
              <MessageBar intent="success">
                <MessageBarBody>{notice}</MessageBarBody>
              </MessageBar>
            )}
            {!detail && !problem && <Spinner size="small" label={t('assetLoading')} />}
            {detail && a && (
              <>
                <Facts d={detail} t={t} lang={lang} />
                <Part id="asset-analyses" heading={t('assetAnalyses')} none={t('assetNoAnalyses')}>
                  {detail.analyses.map((x) => (
                    <li key={x.analysisKey}>
                      <Text weight="semibold">{day(x.analysedOn, lang)}</Text> – {x.summary}{' '}
                      <Text size={200}>
                        ({t('assetNextAnalysis', { date: day(x.reviewDue, lang) })}
                        {!x.current && ` – ${t('assetsDue')}`})
                      </Text>
                    </li>
                  ))}
                </Part>
                <Part id="asset-measures" heading={t('assetMeasures')} none={t('assetNoMeasures')} bare>
                  {detail.measures.map((m) => (
                    <MeasureLine key={m.measureId} m={m} d={detail} t={t} lang={lang} api={api} assetId={assetId} done={done} failed={failed} />
                  ))}
                </Part>
                <Part id="asset-incidents" heading={t('assetIncidents')} none={t('assetNoIncidents')}>
                  {detail.incidents.map((i) => (
                    <li key={i.reference} data-incident={i.reference}>
                      {i.reference}, {day(i.reportedAt.slice(0, 10), lang)}: {i.category} ({i.status})
                      {i.secrecyLabel && (
                        <>
                          {' '}
                          <Badge appearance="tint" color="warning">
                            {i.secrecyLabel}
                          </Badge>
                        </>
                      )}
                    </li>
                  ))}
                </Part>
                {detail.may.edit && <NewAnalysis d={detail} t={t} api={api} assetId={assetId} done={done} failed={failed} />}
              </>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={close}>{t('assetClose')}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}

/** A part of the asset: its heading, then its items as a list, or a line saying there are none. `bare`: items that are blocks of their own, without bullets. */
function Part({ id, heading, none, bare = false, children }: { id: string; heading: string; none: string; bare?: boolean; children: ReactNode[] }) {
  return (
    <section aria-labelledby={id}>
      <Text as="h3" weight="semibold" size={400} id={id} block>
        {heading}
      </Text>
      {children.length === 0 ? (
        <Text block>{none}</Text>
      ) : (
        <ul style={bare ? { margin: '4px 0', paddingLeft: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 8 } : { margin: '4px 0', paddingLeft: 20 }}>{children}</ul>
      )}
    </section>
  );
}

function Facts({ d, t, lang }: { d: Detail; t: T; lang: Lang }) {
  const a = d.asset;
  const level = (l: number | null) => (l === null ? '–' : String(l));
  const rows: [string, string][] = [
    [t('assetsCoverageCommittee'), a.committee],
    [t('assetsCriticality'), a.criticalityLabel],
    [t('assetsOwner'), a.systemOwner || '–'],
    [t('assetInformationOwner'), a.informationOwner || '–'],
    [
      t('assetsLevels'),
      a.classifiedOn ? t('assetsLevelsLabel', { c: level(a.levels.confidentiality), i: level(a.levels.integrity), a: level(a.levels.availability), s: level(a.levels.traceability) }) : t('assetsNotClassified'),
    ],
    [t('assetsClassifiedOn'), a.classifiedOn ? day(a.classifiedOn, lang) : '–'],
    [t('assetsReview'), a.classificationDue ? `${day(a.classificationDue, lang)}${a.classificationCurrent ? '' : ` – ${t('assetsDue')}`}` : '–'],
  ];
  return (
    <>
      {a.description && <Text block>{a.description}</Text>}
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: 0 }}>
        {rows.map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt style={{ fontWeight: 600 }}>{k}</dt>
            <dd style={{ margin: 0 }}>{v}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function MeasureLine(props: { m: Measure; d: Detail; t: T; lang: Lang; api: ApiClient; assetId: string; done: (m: string) => void; failed: (e: unknown) => void }) {
  const { m, d, t, lang, api, assetId } = props;
  const [planning, setPlanning] = useState(false);
  const [plan, setPlan] = useState(() => ({ title: m.what.slice(0, 255), target: targetValue(d.targets[1] ?? d.targets[0]), ownerId: d.planOwners[0]?.id ?? '' }));
  const [busy, setBusy] = useState(false);
  const run = (work: Promise<unknown>, message: string) => {
    setBusy(true);
    work
      .then(() => props.done(message))
      .catch(props.failed)
      .finally(() => setBusy(false));
  };
  const open = m.status === 'Ej påbörjad' || m.status === 'Pågående';
  return (
    <li data-measure={m.measureId} style={{ borderTop: '1px solid #e0e0e0', paddingTop: 6 }}>
      <Text block weight="semibold">
        {m.what}
      </Text>
      <Text block size={200}>
        {t('assetMeasureLine', { owner: m.owner || '–', due: day(m.dueDate, lang) })}
        {m.late && (
          <>
            {' '}
            <Badge appearance="tint" color="danger">
              {t('assetMeasureLate')}
            </Badge>
          </>
        )}
        {m.plannedIn && ` – ${t('assetMeasurePlanned', { year: m.plannedIn.year, quarter: m.plannedIn.quarter })}`}
      </Text>
      <div style={{ display: 'flex', gap: 12, alignItems: 'flex-end', flexWrap: 'wrap', marginTop: 4 }}>
        {d.may.edit ? (
          <Field label={t('assetMeasureStatus')}>
            <Select value={m.status} disabled={busy} onChange={(_, s) => run(api.measureStatus(assetId, m.measureId, { status: s.value, etag: m.etag }), t('assetMeasureSaved'))}>
              {d.measureStatuses.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </Select>
          </Field>
        ) : (
          <Text>{m.statusLabel}</Text>
        )}
        {d.may.plan && open && !m.plannedIn && !planning && (
          <Button size="small" onClick={() => setPlanning(true)}>
            {t('assetMeasureToPlan')}
          </Button>
        )}
      </div>
      {planning && (
        <div style={{ display: 'flex', gap: 12, alignItems: 'flex-end', flexWrap: 'wrap', marginTop: 8 }}>
          <Field label={t('actionWhat')} required style={{ minWidth: 260, flex: 1 }}>
            <Input value={plan.title} maxLength={255} onChange={(_, v) => setPlan({ ...plan, title: v.value })} />
          </Field>
          <Field label={t('actionBy')}>
            <Select value={plan.target} onChange={(_, v) => setPlan({ ...plan, target: v.value })}>
              {d.targets.map((q) => (
                <option key={targetValue(q)} value={targetValue(q)}>
                  {t('assetQuarter', { year: q.year, quarter: q.quarter })}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('actionOwner')}>
            <Select value={plan.ownerId} onChange={(_, v) => setPlan({ ...plan, ownerId: v.value })}>
              {d.planOwners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </Select>
          </Field>
          <Button appearance="primary" disabled={busy} onClick={() => run(api.measureToPlan(assetId, m.measureId, plan), t('assetMeasurePlannedNow'))}>
            {t('actionCreate')}
          </Button>
          <Button onClick={() => setPlanning(false)}>{t('actionCancel')}</Button>
        </div>
      )}
    </li>
  );
}

const targetValue = (q: { year: number; quarter: number } | undefined) => (q ? `${q.year}-${q.quarter}` : '');

function NewAnalysis(props: { d: Detail; t: T; api: ApiClient; assetId: string; done: (m: string) => void; failed: (e: unknown) => void }) {
  const { d, t } = props;
  const empty = { what: '', ownerId: '', dueDate: '' };
  const [open, setOpen] = useState(false);
  // One id per form: pressing Spara twice stores one analysis.
  const [formId, setFormId] = useState(() => crypto.randomUUID());
  const [form, setForm] = useState({ analysedOn: d.today, summary: '', reviewOn: '', measures: [] as (typeof empty)[] });
  const [busy, setBusy] = useState(false);
  if (!open) {
    return (
      <div>
        <Button appearance="primary" onClick={() => setOpen(true)}>
          {t('assetNewAnalysis')}
        </Button>
      </div>
    );
  }
  const setMeasure = (i: number, patch: Partial<typeof empty>) => setForm({ ...form, measures: form.measures.map((m, j) => (j === i ? { ...m, ...patch } : m)) });
  const save = () => {
    setBusy(true);
    props.api
      .recordAnalysis(props.assetId, { formId, ...form })
      .then(() => {
        setOpen(false);
        setFormId(crypto.randomUUID());
        setForm({ analysedOn: d.today, summary: '', reviewOn: '', measures: [] });
        props.done(t('assetAnalysisSaved'));
      })
      .catch(props.failed)
      .finally(() => setBusy(false));
  };
  return (
    <section aria-labelledby="asset-new-analysis" style={{ display: 'flex', flexDirection: 'column', gap: 8, borderTop: '1px solid #e0e0e0', paddingTop: 8 }}>
      <Text as="h3" weight="semibold" size={400} id="asset-new-analysis" block>
        {t('assetNewAnalysis')}
      </Text>
      <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
        <Field label={t('assetAnalysedOn')} required>
          <Input type="date" value={form.analysedOn} max={d.today} onChange={(_, v) => setForm({ ...form, analysedOn: v.value })} />
        </Field>
        <Field label={t('assetReviewOn')} hint={t('assetReviewOnHint', { months: d.reviewMonths })}>
          <Input type="date" value={form.reviewOn} onChange={(_, v) => setForm({ ...form, reviewOn: v.value })} />
        </Field>
      </div>
      <Field label={t('assetSummary')} required>
        <Textarea value={form.summary} maxLength={4000} resize="vertical" onChange={(_, v) => setForm({ ...form, summary: v.value })} />
      </Field>
      {form.measures.map((m, i) => (
        <fieldset key={i} style={{ border: '1px solid #e0e0e0', borderRadius: 4, display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'flex-end' }}>
          <legend>{t('assetMeasureN', { n: i + 1 })}</legend>
          <Field label={t('assetMeasureWhat')} required style={{ minWidth: 260, flex: 1 }}>
            <Input value={m.what} maxLength={1000} onChange={(_, v) => setMeasure(i, { what: v.value })} />
          </Field>
          <Field label={t('actionOwner')}>
            <Select value={m.ownerId} onChange={(_, v) => setMeasure(i, { ownerId: v.value })}>
              <option value="">{t('assetMeasureOwnerDefault')}</option>
              {d.measureOwners.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('assetMeasureDue')} required>
            <Input type="date" value={m.dueDate} onChange={(_, v) => setMeasure(i, { dueDate: v.value })} />
          </Field>
          <Button onClick={() => setForm({ ...form, measures: form.measures.filter((_, j) => j !== i) })}>{t('assetMeasureRemove')}</Button>
        </fieldset>
      ))}
      <div style={{ display: 'flex', gap: 12 }}>
        <Button onClick={() => setForm({ ...form, measures: [...form.measures, { ...empty }] })}>{t('assetMeasureAdd')}</Button>
        <Button appearance="primary" disabled={busy} onClick={save}>
          {t('assetAnalysisSave')}
        </Button>
        <Button onClick={() => setOpen(false)}>{t('actionCancel')}</Button>
      </div>
    </section>
  );
}
