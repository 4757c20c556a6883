/**
 * What the tab API answers besides the status views (src/status/status-view-types.ts): who the
 * viewer is, the demo people, errors. Shared with the tab as type-only imports.
 */
export interface MeResponse {
  person: { id: string; displayName: string; roles: string[] };
  committees: { code: string; name: string }[];
  year: number;
  years: number[];
  target: number;
  categories: Record<string, string>;
  /** True when the identity came from the local demo picker, not from Teams. */
  demo: boolean;
}

export interface DemoUser {
  id: string;
  displayName: string;
  title: string;
}

export interface ApiError {
  error: 'unauthenticated' | 'forbidden' | 'not_found' | 'bad_request';
  reason: string;
}
