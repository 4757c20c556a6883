import { Badge, Button, Checkbox, Field, Input, MessageBar, MessageBarBody, MessageBarTitle, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3, tokens, useId } from '@fluentui/react-components';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ConfirmDialog } from './ConfirmDialog';
import { PlanUpload } from './PlanUpload';
import type { AdminCampaign, AdminCampaignsResponse, PlanImportResponse } from '../../src/api/tab-api-types';
import { day, percent, type Lang, type T } from './texts';

const PHASE_COLOR = { planned: 'informative', running: 'brand', ended: 'subtle' } as const;

export interface CampaignForm {
  moduleId: string;
  audience: 'alla' | 'namnder' | 'fortroendevalda';
  committeeCodes: string[];
  startDate: string;
  dueDate: string;
  reminderEveryDays: number;
  maxReminders: number;
}

/** A saved form, or the server's reason it was not (the command line's messages, one a line). */
export type SaveOutcome = { saved: true } | { saved: false; reason: string };

export interface AdminActions {
  create: (form: CampaignForm) => Promise<SaveOutcome>;
  /** Changes a campaign that has not started. */
  change: (campaignId: string, form: CampaignForm) => Promise<SaveOutcome>;
  /** The plan file's dry run or import; rejects with the server's reason (every bad row, one a line). */
  plan: (content: string, action: 'preview' | 'import') => Promise<PlanImportResponse>;
  preview: (c: AdminCampaign) => Promise<void>;
  remind: (c: AdminCampaign) => Promise<void>;
  end: (c: AdminCampaign) => Promise<void>;
  /** What the last action came to, said above the list. */
  notice?: { intent: 'success' | 'info' | 'warning' | 'error'; title?: string; text: string };
  /** An action is under way: the row buttons wait, so a double click does not send twice. */
  busy?: boolean;
}

/**
 * The short lessons sent after incidents, per committee and category: the committee's incidents of
 * that category in the window before the lesson started and since, so the security officer sees
 * whether it helped.
 */
function Lessons({ campaigns, t, lang }: { campaigns: AdminCampaign[]; t: T; lang: Lang }) {
  const lessons = campaigns.filter((c): c is AdminCampaign & { lesson: NonNullable<AdminCampaign['lesson']> } => c.lesson !== undefined);
  if (lessons.length === 0) return null;
  return (
    <>
      <Title3 block as="h3" id="lessons-heading" style={{ marginTop: 12 }}>
        {t('adminLessons')}
      </Title3>
      <Text block>{t('adminLessonsIntro', { days: lessons[0]!.lesson.windowDays })}</Text>
      <Table aria-labelledby="lessons-heading" size="small" style={{ margin: '8px 0 24px', tableLayout: 'auto' }}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('adminLessonCommittee')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminLessonCategory')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminModule')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminLessonStart')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminLessonBefore', { days: lessons[0]!.lesson.windowDays })}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminLessonAfter')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {lessons.map((c) => (
            <TableRow key={c.campaignId} data-lesson={c.campaignId}>
              <TableCell>{c.committees.map((x) => x.name).join(', ')}</TableCell>
              <TableCell>
                <Text block>{c.lesson.categoryLabel}</Text>
                <Text block size={200}>
                  {t('adminLessonAfterIncident', { reference: c.lesson.incidentReference })}
                </Text>
              </TableCell>
              <TableCell>{c.moduleTitle}</TableCell>
              <TableCell>{day(c.startDate, lang)}</TableCell>
              <TableCell>{c.lesson.before}</TableCell>
              <TableCell>
                <Text block>{c.lesson.after}</Text>
                <Text block size={200}>
                  {c.lesson.afterDays >= c.lesson.windowDays ? t('adminLessonWindowDone', { days: c.lesson.windowDays }) : t('adminLessonSoFar', { days: c.lesson.afterDays })}
                </Text>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
}

function Reasons({ c, t }: { c: AdminCampaign; t: T }) {
  const why = Object.entries(c.figures.notReachedBy).filter(([, n]) => (n ?? 0) > 0);
  return (
    <>
      <Text block>{c.figures.notReached}</Text>
      {why.map(([reason, n]) => (
        <Text key={reason} block size={200}>
          {n} {t(`adminWhy.${reason}` as Parameters<T>[0])}
        </Text>
      ))}
    </>
  );
}

/**
 * What the last action came to. Both regions are always in the page, so a screen reader hears the
 * text put into them (a live region that appears together with its text is often not read):
 * an outcome politely, a refusal at once.
 */
export function Notice({ notice }: { notice: AdminActions['notice'] }) {
  const bar = (n: NonNullable<AdminActions['notice']>) => (
    <MessageBar intent={n.intent} layout="multiline" style={{ margin: '8px 0' }}>
      <MessageBarBody>
        {n.title && <MessageBarTitle>{n.title}</MessageBarTitle>}
        <span style={{ whiteSpace: 'pre-line' }}>{n.text}</span>
      </MessageBarBody>
    </MessageBar>
  );
  return (
    <>
      <div role="status">{notice && (notice.intent === 'success' || notice.intent === 'info') && bar(notice)}</div>
      <div role="alert">{notice && (notice.intent === 'warning' || notice.intent === 'error') && bar(notice)}</div>
    </>
  );
}

type Confirming = { kind: 'end' | 'remind'; campaign: AdminCampaign };

/**
 * The Administration part's campaigns: each with where it stands and its figures, the actions a
 * running or planned one allows, and the form for a new one. Everything here is checked again on
 * the server; the data protection officer sees it without the actions.
 */
export function AdminView({ data, t, lang, actions }: { data: AdminCampaignsResponse; t: T; lang: Lang; actions: AdminActions }) {
  const manage = data.access === 'manage';
  const [editing, setEditing] = useState<AdminCampaign>();
  const [confirming, setConfirming] = useState<Confirming>();
  // The last question asked stays for the dialog's closing, so it does not go blank as it fades.
  const [asked, setAsked] = useState<Confirming>();
  const ask = (c: Confirming) => {
    setAsked(c);
    setConfirming(c);
  };
  // A new, empty form after each campaign created.
  const [formRound, setFormRound] = useState(0);
  const audience = (c: AdminCampaign) => (c.audience === 'namnder' ? c.committees.map((x) => x.name).join(', ') : t(`adminAudience.${c.audience}`));
  const period = (c: AdminCampaign) => `${day(`${c.startDate}T12:00:00Z`, lang)} – ${day(`${c.dueDate}T12:00:00Z`, lang)}`;
  // Every row has the same buttons: their names say which campaign, so a screen reader's list of buttons can be told apart.
  const rowLabel = (action: string, c: AdminCampaign) => t('adminRowAction', { action, title: c.moduleTitle, audience: audience(c), period: period(c) });
  // Focus goes where the outcome is said when the control that had it goes away (a row's buttons after Avsluta, the form after saving).
  const toList = () => document.getElementById('campaigns-heading')?.focus();
  return (
    <section aria-labelledby="admin-heading">
      <Title3 block as="h2" id="admin-heading">
        {t('admin')}
      </Title3>
      {!manage && <Text block>{t('adminReadOnly')}</Text>}
      <Title3 block as="h3" id="campaigns-heading" tabIndex={-1} style={{ marginTop: 12 }}>
        {t('adminCampaigns')}
      </Title3>
      <Notice notice={actions.notice} />
      {data.campaigns.length === 0 ? (
        <Text block>{t('adminNoCampaigns')}</Text>
      ) : (
        <Table aria-label={t('adminCampaigns')} size="small" style={{ margin: '8px 0 24px' }}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('adminModule')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('adminAudience')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('adminPeriod')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('adminPhase')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('adminReached')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('adminNotReached')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('adminCompleted')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('adminOverdue')}</TableHeaderCell>
              {manage && <TableHeaderCell scope="col">{t('adminActions')}</TableHeaderCell>}
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.campaigns.map((c) => (
              <TableRow key={c.campaignId} data-campaign={c.campaignId}>
                <TableCell>{c.moduleTitle}</TableCell>
                <TableCell>{audience(c)}</TableCell>
                <TableCell>{period(c)}</TableCell>
                <TableCell>
                  <Badge appearance="tint" color={PHASE_COLOR[c.phase]}>
                    {t(`adminPhase.${c.phase}`)}
                  </Badge>
                </TableCell>
                <TableCell>
                  <Text block>{t('adminOf', { n: c.figures.delivered, of: c.figures.audience })}</Text>
                  {c.figures.pending > 0 && (
                    <Text block size={200}>
                      {t('adminPending', { n: c.figures.pending })}
                    </Text>
                  )}
                </TableCell>
                <TableCell>
                  <Reasons c={c} t={t} />
                </TableCell>
                <TableCell>
                  {percent(c.figures.audience ? c.figures.completed / c.figures.audience : null, lang)} ({t('adminOf', { n: c.figures.completed, of: c.figures.audience })})
                </TableCell>
                <TableCell>{c.figures.overdue}</TableCell>
                {manage && (
                  <TableCell>
                    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, padding: '4px 0' }}>
                      {c.phase !== 'ended' && (
                        <Button size="small" disabledFocusable={actions.busy} aria-label={rowLabel(t('adminPreview'), c)} onClick={() => void actions.preview(c)}>
                          {t('adminPreview')}
                        </Button>
                      )}
                      {c.phase === 'planned' && (
                        <Button size="small" id={`change-${c.campaignId}`} disabledFocusable={actions.busy} aria-label={rowLabel(t('adminChange'), c)} onClick={() => setEditing(c)}>
                          {t('adminChange')}
                        </Button>
                      )}
                      {c.phase === 'running' && (
                        <>
                          <Button size="small" disabledFocusable={actions.busy} aria-label={rowLabel(t('adminRemind'), c)} onClick={() => ask({ kind: 'remind', campaign: c })}>
                            {t('adminRemind')}
                          </Button>
                          <Button size="small" disabledFocusable={actions.busy} aria-label={rowLabel(t('adminEnd'), c)} onClick={() => ask({ kind: 'end', campaign: c })}>
                            {t('adminEnd')}
                          </Button>
                        </>
                      )}
                    </div>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Lessons campaigns={data.campaigns} t={t} lang={lang} />
      {asked && (
        <ConfirmDialog
          open={confirming !== undefined}
          title={t(asked.kind === 'end' ? 'adminConfirmEndTitle' : 'adminConfirmRemindTitle', { title: asked.campaign.moduleTitle })}
          text={t(asked.kind === 'end' ? 'adminConfirmEndText' : 'adminConfirmRemindText')}
          confirm={t(asked.kind === 'end' ? 'adminConfirmEnd' : 'adminConfirmRemind')}
          cancel={t('adminCancel')}
          onClose={() => setConfirming(undefined)}
          onConfirm={() => {
            const { kind, campaign } = asked;
            // An ended campaign's buttons go away with the list read again: the focus goes to the list and its outcome.
            if (kind === 'end') void actions.end(campaign).then(toList);
            else void actions.remind(campaign);
          }}
        />
      )}
      {manage && (
        <NewCampaign
          // A new form for each campaign changed (its fields start from that campaign) and after each one created.
          key={editing?.campaignId ?? `new-${formRound}`}
          data={data}
          t={t}
          editing={editing}
          save={async (form) => {
            const outcome = editing ? await actions.change(editing.campaignId, form) : await actions.create(form);
            if (outcome.saved) {
              if (editing) setEditing(undefined);
              else setFormRound((n) => n + 1);
              toList();
            }
            return outcome;
          }}
          cancel={() => {
            const id = editing?.campaignId;
            setEditing(undefined);
            // Back to the row's Ändra, where the person was.
            if (id) setTimeout(() => document.getElementById(`change-${id}`)?.focus());
          }}
        />
      )}
      <PlanUpload t={t} manage={manage} plan={actions.plan} />
    </section>
  );
}

/** The form as typed: numbers stay text until sent, so a field can be emptied and typed again. */
type FormState = Omit<CampaignForm, 'reminderEveryDays' | 'maxReminders'> & { reminderEveryDays: string; maxReminders: string };
type FormField = 'committeeCodes' | 'startDate' | 'dueDate' | 'reminderEveryDays' | 'maxReminders';

/** Whole numbers in the ranges the server takes (CampaignInputSchema). */
const NUMBER_RANGE = { reminderEveryDays: [1, 60], maxReminders: [0, 10] } as const;

/** What the page can tell before sending: empty dates, numbers out of range, committees not chosen. The rest is the server's. */
function formProblems(f: FormState, t: T): Partial<Record<FormField, string>> {
  const problems: Partial<Record<FormField, string>> = {};
  if (f.audience === 'namnder' && f.committeeCodes.length === 0) problems.committeeCodes = t('adminNeedCommittee');
  if (!f.startDate) problems.startDate = t('adminNeedDate');
  if (!f.dueDate) problems.dueDate = t('adminNeedDate');
  for (const field of ['reminderEveryDays', 'maxReminders'] as const) {
    const [min, max] = NUMBER_RANGE[field];
    const n = Number(f[field]);
    if (!/^\d+$/.test(f[field].trim()) || n < min || n > max) problems[field] = t('adminNeedWhole', { min, max });
  }
  return problems;
}

function NewCampaign({ data, t, editing, save, cancel }: { data: AdminCampaignsResponse; t: T; editing: AdminCampaign | undefined; save: (form: CampaignForm) => Promise<SaveOutcome>; cancel: () => void }) {
  const [form, setForm] = useState<FormState>(
    editing
      ? { moduleId: editing.moduleId, audience: editing.audience, committeeCodes: editing.committees.map((c) => c.code), startDate: editing.startDate, dueDate: editing.dueDate, reminderEveryDays: String(editing.reminderEveryDays), maxReminders: String(editing.maxReminders) }
      : { moduleId: data.modules[0]?.id ?? '', audience: 'alla', committeeCodes: [], startDate: data.today, dueDate: '', reminderEveryDays: '7', maxReminders: '2' },
  );
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Partial<Record<FormField, string>>>({});
  const [refusal, setRefusal] = useState<string>();
  // Each check moves the focus anew, even when it finds the same problems again.
  const [checked, setChecked] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const committeesProblemId = useId('committees-problem');
  // Ändra brings the person to the form with the campaign's values.
  useEffect(() => {
    if (editing) document.getElementById('new-campaign-heading')?.focus();
  }, []); // once, when the form for a campaign opens
  // The first field to mend gets the focus; its message is read with it.
  useEffect(() => {
    if (checked) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [checked]);
  const set = (patch: Partial<FormState>) => {
    setForm((f) => ({ ...f, ...patch }));
    // A field mended is no longer marked; the others keep their message until the next try.
    setProblems((p) => Object.fromEntries(Object.entries(p).filter(([field]) => !(field in patch))));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setRefusal(undefined);
    const found = formProblems(form, t);
    setProblems(found);
    if (Object.keys(found).length > 0) return setChecked((n) => n + 1);
    setBusy(true);
    void save({ ...form, reminderEveryDays: Number(form.reminderEveryDays), maxReminders: Number(form.maxReminders) })
      .then((outcome) => !outcome.saved && setRefusal(outcome.reason))
      .finally(() => setBusy(false));
  };
  const invalid = (field: FormField) => (problems[field] ? { validationState: 'error' as const, validationMessage: problems[field] } : {});
  return (
    <form ref={formRef} onSubmit={submit} noValidate aria-labelledby="new-campaign-heading" style={{ maxWidth: 560, display: 'grid', gap: 12 }}>
      <Title3 block as="h3" id="new-campaign-heading" tabIndex={-1}>
        {editing ? t('adminEditing') : t('adminNew')}
      </Title3>
      <Field label={t('adminModule')} required>
        <Select value={form.moduleId} onChange={(_, d) => set({ moduleId: d.value })}>
          {data.modules.map((m) => (
            <option key={m.id} value={m.id}>
              {m.title}
            </option>
          ))}
        </Select>
      </Field>
      <Field label={t('adminAudience')} required>
        <Select value={form.audience} onChange={(_, d) => set({ audience: d.value as CampaignForm['audience'], committeeCodes: d.value === 'namnder' ? form.committeeCodes : [] })}>
          <option value="alla">{t('adminAudience.alla')}</option>
          <option value="namnder">{t('adminCommittees')}</option>
          <option value="fortroendevalda">{t('adminAudience.fortroendevalda')}</option>
        </Select>
      </Field>
      {form.audience === 'namnder' && (
        <fieldset style={{ border: 'none', margin: 0, padding: 0 }} >
          <legend>
            <Text weight="semibold">{t('adminCommittees')}</Text>
          </legend>
          {data.committees.map((c, i) => (
            <Checkbox
              key={c.code}
              {...(i === 0 && problems.committeeCodes ? { 'aria-invalid': true, 'aria-describedby': committeesProblemId } : {})}
              label={c.name}
              checked={form.committeeCodes.includes(c.code)}
              onChange={(_, d) => set({ committeeCodes: d.checked ? [...form.committeeCodes, c.code] : form.committeeCodes.filter((x) => x !== c.code) })}
            />
          ))}
          {problems.committeeCodes && (
            <Text block id={committeesProblemId} style={{ color: tokens.colorPaletteRedForeground1 }}>
              {problems.committeeCodes}
            </Text>
          )}
        </fieldset>
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
        <Field label={t('adminStart')} required {...invalid('startDate')}>
          <Input type="date" value={form.startDate} onChange={(_, d) => set({ startDate: d.value })} />
        </Field>
        <Field label={t('adminDue')} required {...invalid('dueDate')}>
          <Input type="date" value={form.dueDate} onChange={(_, d) => set({ dueDate: d.value })} />
        </Field>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
        <Field label={t('adminEvery')} {...invalid('reminderEveryDays')}>
          <Input type="number" inputMode="numeric" min={1} max={60} value={form.reminderEveryDays} onChange={(_, d) => set({ reminderEveryDays: d.value })} />
        </Field>
        <Field label={t('adminMax')} {...invalid('maxReminders')}>
          <Input type="number" inputMode="numeric" min={0} max={10} value={form.maxReminders} onChange={(_, d) => set({ maxReminders: d.value })} />
        </Field>
      </div>
      {/* Always in the page, so the server's refusal is read out when it comes; next to the button that was pressed. */}
      <div role="alert">
        {refusal && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{t('adminProblems')}</MessageBarTitle>
              <span style={{ whiteSpace: 'pre-line' }}>{refusal}</span>
            </MessageBarBody>
          </MessageBar>
        )}
      </div>
      <div style={{ display: 'flex', gap: 8 }}>
        <Button appearance="primary" type="submit" disabledFocusable={busy}>
          {editing ? t('adminSave') : t('adminCreate')}
        </Button>
        {editing && <Button onClick={cancel}>{t('adminCancel')}</Button>}
      </div>
    </form>
  );
}
