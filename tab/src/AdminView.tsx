import { Badge, Button, Checkbox, Field, Input, Label, MessageBar, MessageBarBody, MessageBarTitle, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3, useId } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { OrganisationOverview } from '../../src/admin/organisation-overview';
import type { AdminCampaign, AdminCampaignsResponse, AdminModulesResponse, PlanImportResponse } from '../../src/api/tab-api-types';
import { day, percent, type Lang, type T } from './texts';

const PHASE_COLOR = { planned: 'informative', running: 'brand', ended: 'subtle' } as const;
/** The largest plan file the page sends. */
const PLAN_MAX_KB = 200;

export interface CampaignForm {
  moduleId: string;
  audience: 'alla' | 'namnder' | 'fortroendevalda';
  committeeCodes: string[];
  startDate: string;
  dueDate: string;
  reminderEveryDays: number;
  maxReminders: number;
}

export interface AdminActions {
  create: (form: CampaignForm) => Promise<void>;
  /** Changes a campaign that has not started; true when it was saved. */
  change: (campaignId: string, form: CampaignForm) => Promise<boolean>;
  /** The plan file's dry run or import; rejects with the server's reason (every bad row, one a line). */
  plan: (content: string, action: 'preview' | 'import') => Promise<PlanImportResponse>;
  preview: (c: AdminCampaign) => void;
  remind: (c: AdminCampaign) => void;
  end: (c: AdminCampaign) => void;
  /** What the last action came to, said above the list. */
  notice?: { intent: 'success' | 'warning' | 'error'; title?: string; text: string };
  /** An action is under way: the row buttons wait, so a double click does not send twice. */
  busy?: boolean;
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
 * The Administration part's campaigns: each with where it stands and its figures, the actions a
 * running or planned one allows, and the form for a new one. Everything here is checked again on
 * the server; the data protection officer sees it without the actions.
 */
export function AdminView({ data, t, lang, actions }: { data: AdminCampaignsResponse; t: T; lang: Lang; actions: AdminActions }) {
  const manage = data.access === 'manage';
  const [editing, setEditing] = useState<AdminCampaign>();
  const audience = (c: AdminCampaign) => (c.audience === 'namnder' ? c.committees.map((x) => x.name).join(', ') : t(`adminAudience.${c.audience}`));
  return (
    <section aria-labelledby="admin-heading">
      <Title3 block as="h2" id="admin-heading">
        {t('admin')}
      </Title3>
      {!manage && <Text block>{t('adminReadOnly')}</Text>}
      <Title3 block as="h3" style={{ marginTop: 12 }}>
        {t('adminCampaigns')}
      </Title3>
      {actions.notice && (
        <MessageBar intent={actions.notice.intent} layout="multiline" role={actions.notice.intent === 'success' ? 'status' : 'alert'} style={{ margin: '8px 0' }}>
          <MessageBarBody>
            {actions.notice.title && <MessageBarTitle>{actions.notice.title}</MessageBarTitle>}
            {actions.notice.text}
          </MessageBarBody>
        </MessageBar>
      )}
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
                <TableCell>
                  {day(`${c.startDate}T12:00:00Z`, lang)} – {day(`${c.dueDate}T12:00:00Z`, lang)}
                </TableCell>
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
                        <Button size="small" disabled={actions.busy} onClick={() => actions.preview(c)}>
                          {t('adminPreview')}
                        </Button>
                      )}
                      {c.phase === 'planned' && (
                        <Button size="small" disabled={actions.busy} onClick={() => setEditing(c)}>
                          {t('adminChange')}
                        </Button>
                      )}
                      {c.phase === 'running' && (
                        <>
                          <Button size="small" disabled={actions.busy} onClick={() => actions.remind(c)}>
                            {t('adminRemind')}
                          </Button>
                          <Button size="small" disabled={actions.busy} onClick={() => actions.end(c)}>
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
      {manage && (
        <NewCampaign
          // A new form for each campaign changed: its fields start from that campaign.
          key={editing?.campaignId ?? 'new'}
          data={data}
          t={t}
          editing={editing}
          save={async (form) => {
            if (!editing) return actions.create(form);
            if (await actions.change(editing.campaignId, form)) setEditing(undefined);
          }}
          cancel={() => setEditing(undefined)}
        />
      )}
      <PlanUpload t={t} manage={manage} plan={actions.plan} />
    </section>
  );
}

function NewCampaign({ data, t, editing, save, cancel }: { data: AdminCampaignsResponse; t: T; editing: AdminCampaign | undefined; save: (form: CampaignForm) => Promise<void>; cancel: () => void }) {
  const [form, setForm] = useState<CampaignForm>(
    editing
      ? { moduleId: editing.moduleId, audience: editing.audience, committeeCodes: editing.committees.map((c) => c.code), startDate: editing.startDate, dueDate: editing.dueDate, reminderEveryDays: editing.reminderEveryDays, maxReminders: editing.maxReminders }
      : { moduleId: data.modules[0]?.id ?? '', audience: 'alla', committeeCodes: [], startDate: data.today, dueDate: '', reminderEveryDays: 7, maxReminders: 2 },
  );
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<CampaignForm>) => setForm((f) => ({ ...f, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    void save(form).finally(() => setBusy(false));
  };
  return (
    <form onSubmit={submit} aria-labelledby="new-campaign-heading" style={{ maxWidth: 560, display: 'grid', gap: 12 }}>
      <Title3 block as="h3" id="new-campaign-heading">
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
        <fieldset style={{ border: 'none', margin: 0, padding: 0 }}>
          <legend>
            <Text weight="semibold">{t('adminCommittees')}</Text>
          </legend>
          {data.committees.map((c) => (
            <Checkbox
              key={c.code}
              label={c.name}
              checked={form.committeeCodes.includes(c.code)}
              onChange={(_, d) => set({ committeeCodes: d.checked ? [...form.committeeCodes, c.code] : form.committeeCodes.filter((x) => x !== c.code) })}
            />
          ))}
        </fieldset>
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
        <Field label={t('adminStart')} required>
          <Input type="date" value={form.startDate} onChange={(_, d) => set({ startDate: d.value })} />
        </Field>
        <Field label={t('adminDue')} required>
          <Input type="date" value={form.dueDate} onChange={(_, d) => set({ dueDate: d.value })} />
        </Field>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12 }}>
        <Field label={t('adminEvery')}>
          <Input type="number" min={1} max={60} value={String(form.reminderEveryDays)} onChange={(_, d) => set({ reminderEveryDays: Number(d.value) })} />
        </Field>
        <Field label={t('adminMax')}>
          <Input type="number" min={0} max={10} value={String(form.maxReminders)} onChange={(_, d) => set({ maxReminders: Number(d.value) })} />
        </Field>
      </div>
      <div style={{ display: 'flex', gap: 8 }}>
        <Button appearance="primary" type="submit" disabled={busy}>
          {editing ? t('adminSave') : t('adminCreate')}
        </Button>
        {editing && <Button onClick={cancel}>{t('adminCancel')}</Button>}
      </div>
    </form>
  );
}

/** The yearly plan from a file: a dry run first, showing each activity's fate or every bad row; the import only after it. */
function PlanUpload({ t, manage, plan }: { t: T; manage: boolean; plan: AdminActions['plan'] }) {
  const [content, setContent] = useState<string>();
  const [result, setResult] = useState<{ ok: true; answer: PlanImportResponse; content: string } | { ok: false; reason: string }>();
  const [busy, setBusy] = useState(false);
  const fileId = useId('plan-file');
  const run = (action: 'preview' | 'import') => {
    if (content === undefined) return;
    setBusy(true);
    plan(content, action)
      .then((answer) => setResult({ ok: true, answer, content }))
      .catch((err: unknown) => setResult({ ok: false, reason: (err as Error).message }))
      .finally(() => setBusy(false));
  };
  // The import is for the file the dry run was of: an answer that arrives after another file was chosen unlocks nothing.
  const previewed = result?.ok && result.answer.dryRun && result.content === content;
  return (
    <section aria-labelledby="plan-heading" style={{ marginTop: 24, maxWidth: 760 }}>
      <Title3 block as="h3" id="plan-heading">
        {t('adminPlan')}
      </Title3>
      <Text block>{t('adminPlanIntro')}</Text>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end', margin: '8px 0' }}>
        <div style={{ display: 'grid', gap: 4 }}>
          {/* A native file input, so the label is tied to it by id: Field labels only Fluent's own inputs. */}
          <Label htmlFor={fileId}>{t('adminPlanFile')}</Label>
          <input
            id={fileId}
            type="file"
            accept=".csv,.json,text/csv,application/json"
            onChange={(e) => {
              setResult(undefined);
              setContent(undefined);
              const file = e.currentTarget.files?.[0];
              if (!file) return;
              // The server takes at most 256 kB of JSON; a plan is a few kB.
              if (file.size > PLAN_MAX_KB * 1024) return setResult({ ok: false, reason: t('adminPlanTooLarge', { size: Math.ceil(file.size / 1024), max: PLAN_MAX_KB }) });
              // As the command line: a file that is not UTF-8 (Excel's plain "CSV" on Swedish Windows) is refused, never read with å, ä and ö lost.
              void file.arrayBuffer().then((bytes) => {
                try {
                  setContent(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
                } catch {
                  setResult({ ok: false, reason: t('adminPlanNotUtf8') });
                }
              });
            }}
          />
        </div>
        <Button disabled={busy || content === undefined} onClick={() => run('preview')}>
          {t('adminPlanPreview')}
        </Button>
        {manage && (
          <Button appearance="primary" disabled={busy || !previewed} onClick={() => run('import')}>
            {t('adminPlanImport')}
          </Button>
        )}
      </div>
      {result && !result.ok && (
        <MessageBar intent="error" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>{t('adminPlanRefused')}</MessageBarTitle>
            <span style={{ whiteSpace: 'pre-line' }}>{result.reason}</span>
          </MessageBarBody>
        </MessageBar>
      )}
      {result?.ok && (
        <>
          <MessageBar intent={result.answer.dryRun ? 'info' : 'success'} layout="multiline" role="status">
            <MessageBarBody>{result.answer.text}</MessageBarBody>
          </MessageBar>
          <Table aria-label={t('adminPlan')} size="small" style={{ marginTop: 8 }}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('adminPlanActivity')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('adminPlanWhat')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {result.answer.summary.activities.map((a) => (
                <TableRow key={a.activityId} data-plan-activity={a.activityId}>
                  <TableCell>{a.title}</TableCell>
                  <TableCell>{t(`adminPlanChange.${a.change}`)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}

/**
 * Committees, who holds which role, and what is missing. Read only: roles are kept in the roles
 * list (and people in Entra ID with the sync), and the page says so rather than being a second place to edit them.
 */
export function OrganisationSection({ data, t, lang, roleName }: { data: OrganisationOverview; t: T; lang: Lang; roleName: (role: string) => string }) {
  const list = (items: { name: string }[]) => items.map((i) => i.name).join(', ');
  const missing = data.missing;
  const nothing = missing.noCoordinator.length + missing.noTriager.length + missing.unmapped.length === 0;
  return (
    <section aria-labelledby="organisation-heading" style={{ marginTop: 24 }}>
      <Title3 block as="h3" id="organisation-heading">
        {t('adminOrganisation')}
      </Title3>
      <Text block>{data.source.people === 'entra' ? t('adminSourceEntra', { at: day(data.source.syncedAt ?? '', lang) }) : t('adminSourceList')}</Text>
      <MessageBar intent={nothing ? 'success' : 'warning'} layout="multiline" style={{ margin: '8px 0' }}>
        <MessageBarBody>
          <MessageBarTitle>{t('adminMissing')}</MessageBarTitle>
          {nothing && t('adminNothingMissing')}
          {missing.noCoordinator.length > 0 && <Text block>{t('adminNoCoordinator', { list: list(missing.noCoordinator) })}</Text>}
          {missing.noTriager.length > 0 && <Text block>{t('adminNoTriager', { list: list(missing.noTriager) })}</Text>}
          {missing.unmapped.length > 0 && (
            <Text block>{t('adminUnmapped', { list: missing.unmapped.map((u) => `${u.value ?? t('adminNoValue')} (${u.count})`).join(', ') })}</Text>
          )}
        </MessageBarBody>
      </MessageBar>
      <Table aria-label={t('adminOrganisation')} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('adminOrgCommittee')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminOrgRoles')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminOrgLearners')}</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.committees.map((c) => (
            <TableRow key={c.code} data-committee={c.code}>
              <TableCell>
                <Text block>{c.name}</Text>
                <Text block size={200}>
                  {c.administration}
                </Text>
              </TableCell>
              <TableCell>
                {c.roles.map((r) => (
                  <Text key={r.role} block>
                    {roleName(r.role)}: {list(r.people)}
                  </Text>
                ))}
              </TableCell>
              <TableCell>{c.learners}</TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell>{t('adminOrgWide')}</TableCell>
            <TableCell>
              {data.municipalityWide.map((r) => (
                <Text key={r.role} block>
                  {roleName(r.role)}: {list(r.people)}
                </Text>
              ))}
            </TableCell>
            <TableCell />
          </TableRow>
        </TableBody>
      </Table>
    </section>
  );
}

/** Every module as staff will read it — version, length, steps, the questions with the right answers — the files that did not load, and its card sent to oneself. */
export function ModulesSection({ data, t, lang, manage, send }: { data: AdminModulesResponse; t: T; lang: Lang; manage: boolean; send: (moduleId: string, title: string) => void }) {
  return (
    <section aria-labelledby="modules-heading" style={{ marginTop: 24 }}>
      <Title3 block as="h3" id="modules-heading">
        {t('adminModules')}
      </Title3>
      {data.problems.length > 0 && (
        <MessageBar intent="warning" layout="multiline" style={{ margin: '8px 0' }}>
          <MessageBarBody>
            <MessageBarTitle>{t('adminModuleBroken')}</MessageBarTitle>
            {data.problems.map((p) => (
              <Text key={`${p.file}:${p.line}`} block>
                {t('adminModuleProblem', { file: p.file, line: p.line, message: p.message })}
              </Text>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
      <Table aria-label={t('adminModules')} size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('adminModule')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminModuleVersion')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminModuleMinutes')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('adminModuleContent')}</TableHeaderCell>
            {manage && <TableHeaderCell scope="col">{t('adminActions')}</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.modules.map((m) => (
            <TableRow key={m.id} data-module={m.id}>
              <TableCell>
                <Text block weight="semibold">
                  {m.title}
                </Text>
                <Text block size={200}>
                  {m.summary}
                </Text>
              </TableCell>
              <TableCell>{m.version}</TableCell>
              <TableCell>{m.minutes}</TableCell>
              <TableCell>
                <Text block size={200}>
                  {t('adminModuleSteps', { n: m.steps.length, list: m.steps.join(' · ') })}
                </Text>
                <details>
                  <summary>{t('adminModuleQuiz', { n: m.quiz.length, pass: percent(m.passScore, lang) })}</summary>
                  <ol>
                    {m.quiz.map((q) => (
                      <li key={q.question}>
                        {q.question}
                        <ul>
                          {q.choices.map((c) => (
                            <li key={c.text}>
                              {c.text}
                              {c.correct && ` (${t('adminModuleRight')})`}
                            </li>
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ol>
                </details>
              </TableCell>
              {manage && (
                <TableCell>
                  <Button size="small" onClick={() => send(m.id, m.title)}>
                    {t('adminPreview')}
                  </Button>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
