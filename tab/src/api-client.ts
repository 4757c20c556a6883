import type { ActionOptionsResponse, AdminCampaignsResponse, AdminModuleCardsResponse, AdminModulesResponse, AdminAssetsResponse, ApiError, AssetDetailResponse, AssetImportResponse, AssetsResponse, DemoUser, MeResponse, OpenResponse, PlanImportResponse, RegisterResponse } from '../../src/api/tab-api-types';
import type { CommitteeResponse, OverviewResponse } from '../../src/status/status-view-types';
import type { OrganisationOverview } from '../../src/admin/organisation-overview';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** The tab's only way to its data: the JSON API, with the Teams SSO token or the demo person. */
export function apiClient(auth: { getToken?: () => Promise<string>; demoUser?: string }, lang: 'sv' | 'en') {
  const headers = async (): Promise<Record<string, string>> => {
    if (auth.getToken) return { Authorization: `Bearer ${await auth.getToken()}` };
    if (auth.demoUser) return { 'X-Infosak-Demo-User': auth.demoUser };
    return {};
  };
  const request = async (path: string, method: 'GET' | 'POST' | 'PUT' = 'GET', body?: object): Promise<Response> => {
    const res = await fetch(`../api/tab/${path}`, {
      method,
      headers: { ...(await headers()), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({ reason: res.statusText }))) as Partial<ApiError>;
      throw new ApiFailure(res.status, body.reason ?? res.statusText);
    }
    return res;
  };
  const get = async <T>(path: string): Promise<T> => (await request(path)).json() as Promise<T>;
  return {
    me: () => get<MeResponse>(`me?locale=${lang}`),
    overview: (year: number) => get<OverviewResponse>(`overview?year=${year}`),
    committee: (code: string, year: number) => get<CommitteeResponse>(`committees/${encodeURIComponent(code)}?year=${year}`),
    exportCsv: async (code: string, year: number) => (await request(`committees/${encodeURIComponent(code)}/export.csv?year=${year}`)).blob(),
    register: (committee: string, year: number) => get<RegisterResponse>(`register?committee=${encodeURIComponent(committee)}&year=${year}&locale=${lang}`),
    registerCsv: async (committee: string, year: number) => (await request(`register.csv?committee=${encodeURIComponent(committee)}&year=${year}&locale=${lang}`)).blob(),
    annualReport: async (year: number, committee?: string) => (await request(`report.docx?year=${year}${committee ? `&committee=${encodeURIComponent(committee)}` : ''}&locale=${lang}`)).blob(),
    draft: async (reference: string, kind: 'imy' | 'csirt') => (await request(`incidents/${encodeURIComponent(reference)}/draft/${kind}.docx?locale=${lang}`)).blob(),
    /** Asks the bot to put the incident's card in the person's chat with it. */
    open: async (reference: string) => (await request(`incidents/${encodeURIComponent(reference)}/open`, 'POST')).json() as Promise<OpenResponse>,
    actionOptions: (reference: string) => get<ActionOptionsResponse>(`incidents/${encodeURIComponent(reference)}/action-options?locale=${lang}`),
    createAction: async (reference: string, body: { formId: string; title: string; target: string; ownerId: string }) =>
      (await request(`incidents/${encodeURIComponent(reference)}/actions`, 'POST', body)).json() as Promise<{ title: string; year: number; quarter: number }>,
    adminCampaigns: () => get<AdminCampaignsResponse>('admin/campaigns'),
    assets: () => get<AssetsResponse>(`assets?locale=${lang}`),
    asset: (assetId: string) => get<AssetDetailResponse>(`assets/${encodeURIComponent(assetId)}?locale=${lang}`),
    /** A risk analysis with the measures it requires. */
    recordAnalysis: async (assetId: string, body: { formId: string; analysedOn: string; summary: string; reviewOn: string; measures: { what: string; ownerId: string; dueDate: string }[] }) =>
      (await request(`assets/${encodeURIComponent(assetId)}/analyses`, 'POST', body)).json() as Promise<unknown>,
    measureStatus: async (assetId: string, measureId: string, body: { status: string; etag: string }) =>
      (await request(`assets/${encodeURIComponent(assetId)}/measures/${encodeURIComponent(measureId)}/status`, 'POST', body)).json() as Promise<unknown>,
    measureToPlan: async (assetId: string, measureId: string, body: { title: string; target: string; ownerId: string }) =>
      (await request(`assets/${encodeURIComponent(assetId)}/measures/${encodeURIComponent(measureId)}/activity`, 'POST', body)).json() as Promise<{ title: string; year: number; quarter: number }>,
    adminOrganisation: () => get<OrganisationOverview>('admin/organisation'),
    adminAssets: () => get<AdminAssetsResponse>('admin/assets'),
    /** The register's file: a dry run, or the import. */
    assetFile: async (content: string, action: 'preview' | 'import') => (await request(`admin/assets/${action}`, 'POST', { content })).json() as Promise<AssetImportResponse>,
    saveAsset: async (fields: Record<string, string>, etag: string | undefined) =>
      (await request('admin/assets', 'POST', { fields, ...(etag ? { etag } : {}) })).json() as Promise<{ change: 'created' | 'updated' | 'unchanged'; etag: string }>,
    adminModules: () => get<AdminModulesResponse>('admin/modules'),
    moduleCards: (moduleId: string) => get<AdminModuleCardsResponse>(`admin/modules/${encodeURIComponent(moduleId)}/cards?locale=${lang}`),
    modulePreview: async (moduleId: string) => (await request(`admin/modules/${encodeURIComponent(moduleId)}/preview`, 'POST')).json() as Promise<unknown>,
    /** The yearly plan's file: a dry run, or the import. */
    plan: async (content: string, action: 'preview' | 'import') => (await request(`admin/plan/${action}`, 'POST', { content })).json() as Promise<PlanImportResponse>,
    createCampaign: async (form: object) => (await request('admin/campaigns', 'POST', form)).json() as Promise<{ campaign: { campaignId: string; startDate: string } }>,
    changeCampaign: async (campaignId: string, form: object) => (await request(`admin/campaigns/${encodeURIComponent(campaignId)}`, 'PUT', form)).json() as Promise<unknown>,
    /** "preview", "remind" or "end" on one campaign. */
    campaignAction: async (campaignId: string, action: 'preview' | 'remind' | 'end') =>
      (await request(`admin/campaigns/${encodeURIComponent(campaignId)}/${action}`, 'POST')).json() as Promise<{ queued?: number }>,
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

export async function demoUsers(): Promise<DemoUser[] | undefined> {
  const res = await fetch('../api/tab/demo-users');
  return res.ok ? ((await res.json()) as DemoUser[]) : undefined;
}

/** Saves a file the API answered with (the token rides in a header, so a plain link cannot fetch it). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
