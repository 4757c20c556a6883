import { Badge, Button, FluentProvider, MessageBar, MessageBarBody, MessageBarTitle, Select, Spinner, Text, Title2, teamsDarkTheme, teamsHighContrastTheme, teamsLightTheme, Field } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AdminAssetsResponse, AdminCampaign, AdminCampaignsResponse, AdminModulesResponse, AssetsResponse, DemoUser, MeResponse, RegisterResponse } from '../../src/api/tab-api-types';
import type { CommitteeResponse, OverviewResponse } from '../../src/status/status-view-types';
import type { OrganisationOverview } from '../../src/admin/organisation-overview';
import { ApiFailure, apiClient, demoUsers, saveBlob } from './api-client';
import { ActionDialog } from './ActionDialog';
import { AdminView, type AdminActions, type CampaignForm, type SaveOutcome } from './AdminView';
import { ModulesSection } from './ModulesSection';
import { OrganisationSection } from './OrganisationSection';
import { CommitteeView, type IncidentActions } from './CommitteeView';
import { ModulePreviewDialog } from './ModulePreview';
import { OverviewView } from './OverviewView';
import { AssetsView } from './AssetsView';
import { AssetDialog } from './AssetDialog';
import { AssetAdminSection } from './AssetAdminSection';
import { RegisterView } from './RegisterView';
import type { Host, ThemeName } from './teams-host';
import { day, roleLabel, textsFor } from './texts';

/** Someone the status is for: they may see at least one committee, or the register. */
const mayLook = (me: MeResponse) => me.committees.length > 0 || me.registerCommittees.length > 0 || Boolean(me.assets);
/** A systemägare with no nämnd to follow sees only the register of their own systems. */
const onlyAssets = (me: MeResponse) => me.committees.length === 0 && me.registerCommittees.length === 0 && Boolean(me.assets);

const THEMES = { default: teamsLightTheme, dark: teamsDarkTheme, contrast: teamsHighContrastTheme } as const;
const DEMO_KEY = 'infosak-demo-user';

type View = { kind: 'overview' } | { kind: 'committee'; code: string } | { kind: 'register'; committee: string } | { kind: 'admin' } | { kind: 'assets' };
type Loaded =
  | { kind: 'overview'; data: OverviewResponse }
  | { kind: 'committee'; data: CommitteeResponse }
  | { kind: 'register'; data: RegisterResponse }
  | { kind: 'assets'; data: AssetsResponse }
  | { kind: 'admin'; data: AdminCampaignsResponse; organisation: OrganisationOverview; modules: AdminModulesResponse; assets: AdminAssetsResponse };

export function App({ host }: { host: Host }) {
  const [theme, setTheme] = useState<ThemeName>(host.theme);
  const t = useMemo(() => textsFor(host.lang), [host.lang]);
  // undefined while the server is asked; null when it offers no demo people (Teams, or production).
  const [demo, setDemo] = useState<{ users: DemoUser[]; chosen: string } | null | undefined>(host.inTeams ? null : undefined);
  const [me, setMe] = useState<MeResponse | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const [view, setView] = useState<View>(host.committee ? { kind: 'committee', code: host.committee } : { kind: 'overview' });
  const [loaded, setLoaded] = useState<Loaded | undefined>();
  const [error, setError] = useState<{ status: number; reason: string } | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState<IncidentActions['notice']>();
  const [actionFor, setActionFor] = useState<string>();
  // The dialog stays in the page after it closes (see ActionDialog's `open`); each opening gives a new one, with a new form id.
  const [actionOpen, setActionOpen] = useState(false);
  const [actionRound, setActionRound] = useState(0);
  // A module's cards in the page; kept like the action dialog, a new one for each opening.
  const [cardsOf, setCardsOf] = useState<{ moduleId: string; title: string; round: number; open: boolean }>();
  /** The asset opened from the register; kept (closed) after closing, so the dialog can hand focus back. Each opening is a fresh dialog (`round`), read anew. */
  const [assetOpen, setAssetOpen] = useState<{ assetId: string; open: boolean; round: number }>();
  const [adminNotice, setAdminNotice] = useState<AdminActions['notice']>();
  const [adminBusy, setAdminBusy] = useState(false);

  useEffect(() => host.onThemeChange(setTheme), [host]);
  useEffect(() => {
    document.documentElement.lang = host.lang;
    document.documentElement.dataset.theme = theme;
  }, [host.lang, theme]);

  // Outside Teams, the server may offer demo people (local mode only); inside Teams, SSO.
  useEffect(() => {
    if (host.inTeams) return;
    void demoUsers()
      .then((users) => setDemo(users ? { users, chosen: sessionStorage.getItem(DEMO_KEY) ?? '' } : null))
      .catch(() => setDemo(null));
  }, [host.inTeams]);

  const api = useMemo(() => {
    if (host.getToken) return apiClient({ getToken: host.getToken }, host.lang);
    if (demo?.chosen) return apiClient({ demoUser: demo.chosen }, host.lang);
    // Nothing is asked before it is known whether demo people are offered, or while none is chosen.
    return host.inTeams || demo !== null ? undefined : apiClient({}, host.lang);
  }, [host, demo]);

  const fail = useCallback(
    (err: unknown) => setError(err instanceof ApiFailure ? { status: err.status, reason: err.reason } : { status: 0, reason: String((err as Error).message ?? err) }),
    [],
  );

  useEffect(() => {
    if (!api) return;
    // An answer for a person no longer chosen (the demo picker changed while it was on its way) is dropped.
    let current = true;
    setError(undefined);
    setMe(undefined);
    api
      .me()
      .then((m) => {
        if (!current) return;
        setMe(m);
        setYear((y) => y ?? m.year);
        setView((v) =>
          onlyAssets(m)
            ? { kind: 'assets' }
            : (v.kind === 'committee' && !m.committees.some((c) => c.code === v.code)) || (v.kind === 'register' && m.registerCommittees.length === 0) || (v.kind === 'admin' && !m.admin) || (v.kind === 'assets' && !m.assets)
            ? { kind: 'overview' }
            : v,
        );
      })
      .catch((err: unknown) => current && fail(err));
    return () => {
      current = false;
    };
  }, [api, attempt, fail]);

  useEffect(() => {
    if (!api || !me || year === undefined || !mayLook(me)) return;
    setLoaded(undefined);
    setError(undefined);
    setNotice(undefined);
    const load: Promise<Loaded> =
      view.kind === 'overview'
        ? api.overview(year).then((data) => ({ kind: 'overview', data }))
        : view.kind === 'register'
          ? api.register(view.committee, year).then((data) => ({ kind: 'register', data }))
          : view.kind === 'assets'
            ? api.assets().then((data) => ({ kind: 'assets', data }))
          : view.kind === 'admin'
            ? Promise.all([api.adminCampaigns(), api.adminOrganisation(), api.adminModules(), api.adminAssets()]).then(([data, organisation, modules, assets]) => ({ kind: 'admin', data, organisation, modules, assets }))
            : api.committee(view.code, year).then((data) => ({ kind: 'committee', data }));
    // Likewise a view asked for before the person, year or view changed.
    let current = true;
    load.then((l) => current && setLoaded(l)).catch((err: unknown) => current && fail(err));
    return () => {
      current = false;
    };
  }, [api, me, year, view, attempt, fail]);

  const exportCsv = useCallback(async () => {
    if (!api || view.kind !== 'committee' || year === undefined) return;
    try {
      saveBlob(await api.exportCsv(view.code, year), `uppfoljning-${view.code}-${year}.csv`);
    } catch (err) {
      fail(err);
    }
  }, [api, view, year, fail]);

  /** Ledningens genomgång for the year: the nämnder the person sees, or the one open. The server decides which they may have. */
  const [reportBusy, setReportBusy] = useState(false);
  const downloadReport = useCallback(
    async (committee?: string) => {
      if (!api || year === undefined) return;
      // The report reads the whole year: one at a time, however often the button is pressed.
      setReportBusy(true);
      try {
        saveBlob(await api.annualReport(year, committee), `ledningens-genomgang-${year}${committee ? `-${committee}` : ''}.docx`);
      } catch (err) {
        fail(err);
      } finally {
        setReportBusy(false);
      }
    },
    [api, year, fail],
  );

  const exportRegister = useCallback(async () => {
    if (!api || view.kind !== 'register' || year === undefined) return;
    try {
      saveBlob(await api.registerCsv(view.committee, year), `personuppgiftsincidenter-${view.committee}-${year}.csv`);
    } catch (err) {
      fail(err);
    }
  }, [api, view, year, fail]);

  // A refusal here (no chat yet, no draft yet) is said beside the list; the view stays as it is.
  const warn = useCallback((err: unknown) => setNotice({ intent: err instanceof ApiFailure && err.status === 409 ? 'warning' : 'error', text: err instanceof ApiFailure ? err.reason : String(err) }), []);
  const actions = useMemo((): Omit<IncidentActions, 'notice'> | undefined => {
    if (!api || !me) return undefined;
    return {
      authorities: me.authorities,
      open: (reference) => {
        setNotice(undefined);
        api
          .open(reference)
          .then((answer) => {
            if (answer.chatUrl) host.openLink(answer.chatUrl);
            setNotice({ intent: 'success', text: t('openSent', { reference }) });
          })
          .catch(warn);
      },
      ...(me.person.roles.some((r) => r === 'samordnare' || r === 'sakerhetsansvarig') ? {
            createAction: (reference: string) => {
              setActionFor(reference);
              setActionRound((n) => n + 1);
              setActionOpen(true);
            },
          } : {}),
      draft: (reference, kind) => {
        setNotice(undefined);
        api
          .draft(reference, kind)
          .then((blob) => saveBlob(blob, `${me.authorities[kind].replace(/[^A-Za-z0-9-]+/g, '-')}-underlag-${reference}.docx`))
          .catch(warn);
      },
    };
  }, [api, me, host, t, warn]);

  /** The Administration part's actions: each answered with a line above the list, and the list read again. */
  const adminActions = useMemo((): AdminActions | undefined => {
    if (!api) return undefined;
    const reload = async () => {
      const data = await api.adminCampaigns();
      setLoaded((l) => (l?.kind === 'admin' ? { ...l, data } : l));
    };
    const reasonOf = (err: unknown) => (err instanceof ApiFailure ? err.reason : String(err));
    /** A refusal said above the list: a conflict as a warning, anything else as an error. */
    const noticeOf = (err: unknown): NonNullable<AdminActions['notice']> => ({ intent: err instanceof ApiFailure && err.status === 409 ? 'warning' : 'error', text: reasonOf(err) });
    const titleOf = (moduleId: string) => (loaded?.kind === 'admin' ? (loaded.data.modules.find((m) => m.id === moduleId)?.title ?? moduleId) : moduleId);
    const act = (c: AdminCampaign, action: 'preview' | 'remind' | 'end') => {
      setAdminNotice(undefined);
      setAdminBusy(true);
      return api
        .campaignAction(c.campaignId, action)
        .then(async (answer) => {
          const reminded = answer.queued ?? 0;
          setAdminNotice(
            action === 'remind' && reminded === 0
              ? { intent: 'info', text: t('adminRemindedNone') }
              : {
                  intent: 'success',
                  text: action === 'preview' ? t('adminPreviewSent', { title: c.moduleTitle }) : action === 'remind' ? t('adminReminded', { n: reminded }) : t('adminEnded', { title: c.moduleTitle }),
                },
          );
          await reload();
        })
        .catch((err: unknown) => setAdminNotice(noticeOf(err)))
        .finally(() => setAdminBusy(false));
    };
    /** A form saved is said above the list; a refusal is said in the form, next to its button. */
    const saving = async (save: () => Promise<string>): Promise<SaveOutcome> => {
      setAdminNotice(undefined);
      let said: string;
      try {
        said = await save();
      } catch (err) {
        return { saved: false, reason: reasonOf(err) };
      }
      setAdminNotice({ intent: 'success', text: said });
      await reload().catch((err: unknown) => setAdminNotice(noticeOf(err)));
      return { saved: true };
    };
    return {
      create: (form: CampaignForm) =>
        saving(async () => {
          const made = await api.createCampaign(form);
          return t('adminCreated', { title: titleOf(form.moduleId), start: day(`${made.campaign.startDate}T12:00:00Z`, host.lang) });
        }),
      change: (campaignId: string, form: CampaignForm) =>
        saving(async () => {
          await api.changeCampaign(campaignId, form);
          return t('adminChanged', { title: titleOf(form.moduleId) });
        }),
      plan: async (content, action) => {
        const answer = await api.plan(content, action);
        if (!answer.dryRun) setAdminNotice(undefined);
        return answer;
      },
      preview: (c) => act(c, 'preview'),
      remind: (c) => act(c, 'remind'),
      end: (c) => act(c, 'end'),
      ...(adminNotice ? { notice: adminNotice } : {}),
      busy: adminBusy,
    };
  }, [api, t, loaded, host.lang, adminNotice, adminBusy]);

  const chooseDemo = (id: string) => {
    sessionStorage.setItem(DEMO_KEY, id);
    setDemo((d) => (d ? { ...d, chosen: id } : d));
  };

  return (
    <FluentProvider theme={THEMES[theme]} style={{ minHeight: '100vh', padding: '16px 24px', boxSizing: 'border-box' }}>
      {actionFor && api && view.kind === 'committee' && year !== undefined && (
        <ActionDialog
          key={`${actionFor}-${actionRound}`}
          open={actionOpen}
          reference={actionFor}
          t={t}
          load={() => api.actionOptions(actionFor)}
          create={async (body) => {
            const made = await api.createAction(actionFor, body);
            setActionOpen(false);
            setLoaded({ kind: 'committee', data: await api.committee(view.code, year) });
            setNotice({ intent: 'success', text: t('actionCreated', { title: made.title, quarter: made.quarter, year: made.year }) });
          }}
          close={() => setActionOpen(false)}
        />
      )}
      <header style={{ marginBottom: 12 }}>
        <Title2 as="h1" block>
          {t('title')}
        </Title2>
        {me && (
          <Text block className={me.demo ? 'no-print' : undefined} style={{ marginTop: 4 }}>
            {t('signedInAs', { name: me.person.displayName })} {me.demo && <Badge appearance="outline">{t('demoBadge')}</Badge>}
          </Text>
        )}
      </header>
      {demo && (
        <div className="no-print" style={{ maxWidth: 420, marginBottom: 12 }}>
          <Field label={t('who')} hint={t('whoHint')}>
            <Select value={demo.chosen} onChange={(_, d) => chooseDemo(d.value)}>
              <option value="">{t('chooseWho')}</option>
              {demo.users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.displayName} – {u.title}
                </option>
              ))}
            </Select>
          </Field>
        </div>
      )}
      {me && year !== undefined && mayLook(me) && (
        <nav className="no-print" aria-label={t('title')} style={{ display: 'flex', flexWrap: 'wrap', gap: 16, alignItems: 'flex-end', marginBottom: 16 }}>
          {!onlyAssets(me) && (
            <Button appearance={view.kind === 'overview' ? 'primary' : 'secondary'} aria-pressed={view.kind === 'overview'} onClick={() => setView({ kind: 'overview' })}>
              {t('overview')}
            </Button>
          )}
          {me.registerCommittees.length > 0 && (
            <Button appearance={view.kind === 'register' ? 'primary' : 'secondary'} aria-pressed={view.kind === 'register'} onClick={() => setView({ kind: 'register', committee: 'all' })}>
              {t('register')}
            </Button>
          )}
          {me.assets && (
            <Button appearance={view.kind === 'assets' ? 'primary' : 'secondary'} aria-pressed={view.kind === 'assets'} onClick={() => setView({ kind: 'assets' })}>
              {t('assets')}
            </Button>
          )}
          {me.admin && (
            <Button
              appearance={view.kind === 'admin' ? 'primary' : 'secondary'}
              aria-pressed={view.kind === 'admin'}
              onClick={() => {
                setAdminNotice(undefined);
                setView({ kind: 'admin' });
              }}
            >
              {t('admin')}
            </Button>
          )}
          {!onlyAssets(me) && (
            <>
              <Field label={t('committee')}>
                <Select value={view.kind === 'committee' ? view.code : ''} onChange={(_, d) => setView(d.value ? { kind: 'committee', code: d.value } : { kind: 'overview' })}>
                  <option value="">{t('chooseCommittee')}</option>
                  {me.committees.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.name}
                    </option>
                  ))}
                </Select>
              </Field>
              <Field label={t('year')}>
                <Select value={String(year)} onChange={(_, d) => setYear(Number(d.value))}>
                  {me.years.map((y) => (
                    <option key={y} value={y}>
                      {y}
                    </option>
                  ))}
                </Select>
              </Field>
            </>
          )}
        </nav>
      )}
      <main>
        {(error?.status === 403 && !me) || (me && !mayLook(me)) ? (
          // Not someone the status is for: who may see it, and how to get access. Trying again cannot help.
          <MessageBar intent="info" layout="multiline" data-no-access>
            <MessageBarBody>
              <MessageBarTitle>{t('noAccessTitle')}</MessageBarTitle>
              {t('noAccess')}
            </MessageBarBody>
          </MessageBar>
        ) : error ? (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>
              {t('error', { reason: error.reason })}{' '}
              <Button size="small" onClick={() => setAttempt((a) => a + 1)}>
                {t('retry')}
              </Button>
            </MessageBarBody>
          </MessageBar>
        ) : demo && !demo.chosen ? (
          <Text block>{t('whoFirst')}</Text>
        ) : !api ? null : !loaded || !me ? (
          <Spinner label={t('loading')} />
        ) : loaded.kind === 'overview' ? (
          <OverviewView data={loaded.data} categories={me.categories} t={t} lang={host.lang} open={(code) => setView({ kind: 'committee', code })} report={() => void downloadReport()} reportBusy={reportBusy} />
        ) : loaded.kind === 'admin' ? (
          <>
            <AdminView data={loaded.data} t={t} lang={host.lang} actions={adminActions!} />
            <ModulesSection
              data={loaded.modules}
              t={t}
              lang={host.lang}
              manage={loaded.data.access === 'manage'}
              send={(moduleId, title) => {
                setAdminNotice(undefined);
                api!
                  .modulePreview(moduleId)
                  .then(() => setAdminNotice({ intent: 'success', text: t('adminModuleSent', { title }) }))
                  .catch((err: unknown) => setAdminNotice({ intent: 'error', text: err instanceof ApiFailure ? err.reason : String(err) }));
                window.scrollTo({ top: 0 });
              }}
              show={(moduleId, title) => setCardsOf((c) => ({ moduleId, title, round: (c?.round ?? 0) + 1, open: true }))}
            />
            {cardsOf && (
              <ModulePreviewDialog
                key={cardsOf.round}
                open={cardsOf.open}
                title={cardsOf.title}
                theme={theme}
                t={t}
                load={() => api!.moduleCards(cardsOf.moduleId)}
                onClose={() => setCardsOf((c) => c && { ...c, open: false })}
              />
            )}
            <AssetAdminSection
              data={loaded.assets}
              organisation={loaded.organisation}
              t={t}
              lang={host.lang}
              manage={loaded.data.access === 'manage'}
              importFile={async (content, action) => {
                const answer = await api!.assetFile(content, action);
                // After an import the form's list and versions are the register's new ones.
                if (!answer.dryRun) {
                  const assets = await api!.adminAssets();
                  setLoaded((l) => (l?.kind === 'admin' ? { ...l, assets } : l));
                }
                return answer;
              }}
              save={async (fields, etag) => {
                const saved = await api!.saveAsset(fields, etag);
                // The form's list and versions are read again, so the next change is made over this one.
                const assets = await api!.adminAssets();
                setLoaded((l) => (l?.kind === 'admin' ? { ...l, assets } : l));
                return t(`adminAssetSaved.${saved.change}`, { name: fields.namn ?? '' });
              }}
            />
            <OrganisationSection data={loaded.organisation} t={t} lang={host.lang} roleName={(role) => roleLabel(host.lang, role)} />
          </>
        ) : loaded.kind === 'assets' ? (
          <>
            <AssetsView data={loaded.data} t={t} lang={host.lang} open={(assetId) => setAssetOpen((a) => ({ assetId, open: true, round: (a?.round ?? 0) + 1 }))} />
            {assetOpen && api && (
              <AssetDialog
                key={assetOpen.round}
                assetId={assetOpen.assetId}
                open={assetOpen.open}
                t={t}
                lang={host.lang}
                api={api}
                close={() => setAssetOpen((a) => a && { ...a, open: false })}
                changed={() => void api.assets().then((data) => setLoaded((l) => (l?.kind === 'assets' ? { kind: 'assets', data } : l)))}
              />
            )}
          </>
        ) : loaded.kind === 'register' ? (
          <RegisterView
            data={loaded.data}
            committees={me.committees.filter((c) => me.registerCommittees.includes(c.code))}
            t={t}
            lang={host.lang}
            imy={me.authorities.imy}
            choose={(committee) => setView({ kind: 'register', committee })}
            exportCsv={() => void exportRegister()}
          />
        ) : (
          <CommitteeView
            data={loaded.data}
            categories={me.categories}
            t={t}
            lang={host.lang}
            exportCsv={() => void exportCsv()}
            report={() => void downloadReport(loaded.data.committee.code)}
            reportBusy={reportBusy}
            actions={{ ...actions!, ...(notice ? { notice } : {}) }}
          />
        )}
      </main>
    </FluentProvider>
  );
}
