import type { ApiError, DemoUser, MeResponse } from '../../src/api/tab-api-types';
import type { CommitteeResponse, OverviewResponse } from '../../src/status/status-view-types';

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
  const request = async (path: string): Promise<Response> => {
    const res = await fetch(`../api/tab/${path}`, { headers: await headers() });
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
  };
}
export type ApiClient = ReturnType<typeof apiClient>;

export async function demoUsers(): Promise<DemoUser[] | undefined> {
  const res = await fetch('../api/tab/demo-users');
  return res.ok ? ((await res.json()) as DemoUser[]) : undefined;
}
