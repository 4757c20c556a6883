import type restify from 'restify';
import { t, type Locale } from '../i18n/texts';
import { buildAnnualReport } from '../annual-report/build-annual-report';
import { annualReportDocx } from '../annual-report/annual-report-docx';
import { DOCX_TYPE } from '../reports/draft-docx';
import { statusAccessOf } from '../status/status-access';
import { sharedResult } from '../status/shared-result';
import { FIRST_YEAR } from '../store/derived-columns';
import type { Guard } from './admin-api';
import { localeOf, yearOf } from './request-params';
import type { TabApiDeps } from './tab-api';

/**
 * Ledningens genomgång as a Word document, from the status tab: the whole municipality for those
 * who see every nämnd (the security officer, the data protection officer), one's own nämnder for a
 * manager or an elected official — the same nämnder the tab shows them, decided on the server.
 */
export function registerReportApi(server: restify.Server, deps: TabApiDeps, guard: Guard): void {
  // A report reads the whole year (and the year before): the same one asked again within the tab's
  // cache time, or while it is being made, is made once.
  const made = sharedResult(
    deps.clock,
    deps.config.statusCacheSeconds,
    (input: { year: number; committees: string[]; whole: boolean; locale: Locale }) => JSON.stringify([input.year, [...input.committees].sort(), input.whole, input.locale]),
    async (input) =>
      annualReportDocx(
        await buildAnnualReport(
          { store: deps.store, ops: deps.ops, clock: deps.clock, library: deps.library, rules: deps.incidents.rules, municipality: deps.config.municipalityName, trainingTarget: deps.config.learning.target, assetReviewMonths: deps.config.assetReviewMonths },
          input,
        ),
        { locale: input.locale },
      ),
  );
  server.get(
    '/api/tab/report.docx',
    guard(async (req, res, viewer) => {
      const reason = (key: Parameters<typeof t>[1], vars?: Record<string, string | number>) => t(deps.config.defaultLocale, key, vars);
      const year = yearOf(req, deps.clock);
      if (year === undefined) return res.json(400, { error: 'bad_request', reason: reason('api.reason.badYear', { first: FIRST_YEAR }) });
      const all = (await deps.store.committees.query()).map((c) => c.value);
      const access = statusAccessOf(viewer.person, all.map((c) => c.code));
      const asked = String((req.query as Record<string, unknown> | undefined)?.committee ?? '').toUpperCase();
      if (asked) {
        const committee = all.find((c) => c.code === asked);
        if (!committee) return res.json(404, { error: 'not_found', reason: reason('api.reason.noCommittee', { code: asked }) });
        if (!access.committees.includes(asked)) return res.json(403, { error: 'forbidden', reason: reason('api.reason.noAccess', { committee: committee.name }) });
      }
      const committees = asked ? [asked] : access.committees;
      if (committees.length === 0) return res.json(403, { error: 'forbidden', reason: reason('api.reason.statusNotForYou') });
      const locale = localeOf(req);
      const file = await made({ year, committees, whole: committees.length === all.length, locale });
      deps.logger.info({ personId: viewer.personId, year, committees: committees.length }, 'årsrapport hämtad');
      res.writeHead(200, {
        'Content-Type': DOCX_TYPE,
        'Content-Disposition': `attachment; filename="ledningens-genomgang-${year}${asked ? `-${asked.replace(/[^A-Z0-9-]+/g, '-')}` : ''}.docx"`,
        'Content-Length': file.length,
      });
      res.end(file);
    }),
  );
}
