import type restify from 'restify';
import { ASSET_CSV_HEADER, assetRow, checkAssetRow, readAssetFile } from '../assets/asset-import';
import { allAssets, describeAssetImport, importAssets, saveAsset } from '../assets/asset-store';
import { nameLookup } from '../organisation/people';
import { ConcurrencyConflictError } from '../store/store-errors';
import { describeFileProblems, type FileProblem } from '../text/import-file';
import type { TabApiDeps } from './tab-api';
import type { AdminAssetsResponse } from './tab-api-types';
import type { AdminRoute } from './admin-api';

/**
 * The register of information assets in the Administration part: the file (a dry run, then the
 * import, as `npm run assets -- import` does) and the form for one asset, both checked by the same
 * row rules (asset-import.ts), so the tab and the command refuse the same things in the same words.
 */
export function registerAdminAssetApi(server: restify.Server, deps: TabApiDeps, admin: AdminRoute, readOnly: (res: restify.Response) => void): void {
  const committeesNow = async () => (await deps.store.committees.query()).map((c) => c.value.code);
  /** A file's problems are told as the command tells them (line by line); the form's, field by field. */
  const refuse = (res: restify.Response, status: number, problems: FileProblem[], form = false) =>
    res.json(status, { error: status === 409 ? 'conflict' : status === 404 ? 'not_found' : 'bad_request', reason: form ? problems.map((p) => p.message).join('\n') : describeFileProblems(problems), problems });

  const fileFrom = async (req: restify.Request, res: restify.Response, dryRun: boolean, actorId: string) => {
    const content = (req.body as { content?: unknown } | undefined)?.content;
    if (typeof content !== 'string' || content.trim() === '') return refuse(res, 400, [{ where: 'filen', message: 'filen är tom eller saknas' }]);
    const committees = await committeesNow();
    const read = readAssetFile(Buffer.from(content, 'utf8'), { committees });
    if ('problems' in read) return refuse(res, 400, read.problems);
    let summary: Awaited<ReturnType<typeof importAssets>>;
    try {
      summary = await importAssets(deps.store, read.assets, { committees, actorId, at: deps.clock.now().toISOString(), dryRun });
    } catch (err) {
      // Someone changed an asset while the file was written: what was written stands, and the same file read again finishes it.
      if (!(err instanceof ConcurrencyConflictError)) throw err;
      return refuse(res, 409, [{ where: 'registret', message: 'någon annan ändrade en tillgång samtidigt; provkör filen igen och importera den' }]);
    }
    if (!dryRun) deps.logger.info({ personId: actorId, created: summary.created, updated: summary.updated }, 'informationstillgångar importerade i administrationen');
    res.json(200, { dryRun, text: describeAssetImport(summary, dryRun), summary });
  };
  server.post('/api/tab/admin/assets/preview', admin(async (req, res, viewer) => fileFrom(req, res, true, viewer.personId)));
  server.post(
    '/api/tab/admin/assets/import',
    admin(async (req, res, viewer, access) => {
      if (access !== 'manage') return readOnly(res);
      await fileFrom(req, res, false, viewer.personId);
    }),
  );

  server.get(
    '/api/tab/admin/assets',
    admin(async (_req, res) => {
      const assets = (await allAssets(deps.store, await committeesNow())).sort((a, b) => a.value.assetName.localeCompare(b.value.assetName, 'sv'));
      const names = await nameLookup(deps.store, assets.flatMap((a) => [a.value.systemOwnerId, a.value.informationOwnerId]));
      const body: AdminAssetsResponse = {
        columns: ASSET_CSV_HEADER,
        reviewMonths: deps.config.assetReviewMonths,
        assets: assets.map((a) => ({
          etag: a.etag,
          fields: Object.fromEntries(ASSET_CSV_HEADER.map((h, i) => [h, assetRow(a.value)[i]!])),
          owners: { systemOwner: a.value.systemOwnerId ? names(a.value.systemOwnerId) : '', informationOwner: a.value.informationOwnerId ? names(a.value.informationOwnerId) : '' },
        })),
      };
      res.json(200, body);
    }),
  );

  /** One asset from the form: its fields named as the file's columns; `etag` when an existing one is changed. */
  server.post(
    '/api/tab/admin/assets',
    admin(async (req, res, viewer, access) => {
      if (access !== 'manage') return readOnly(res);
      const body = (req.body ?? {}) as { fields?: Record<string, unknown>; etag?: unknown };
      const fields = ASSET_CSV_HEADER.map((h) => (typeof body.fields?.[h] === 'string' ? (body.fields[h] as string).slice(0, 5000) : ''));
      const problems: FileProblem[] = [];
      const asset = checkAssetRow(fields, 'formuläret', { committees: await committeesNow() }, problems);
      if (!asset) return refuse(res, 400, problems, true);
      const etag = typeof body.etag === 'string' && body.etag ? body.etag : undefined;
      try {
        const outcome = await saveAsset(deps.store, asset, { actorId: viewer.personId, at: deps.clock.now().toISOString(), ...(etag ? { etag } : {}) });
        if ('refused' in outcome) {
          return outcome.refused === 'idTaken'
            ? refuse(res, 409, [{ where: 'formuläret', message: `id: "${asset.assetId}" finns redan i registret; öppna den tillgången för att ändra den` }], true)
            : refuse(res, 404, [{ where: 'formuläret', message: `id: "${asset.assetId}" finns inte längre i registret` }], true);
        }
        deps.logger.info({ personId: viewer.personId, assetId: asset.assetId, change: outcome.change }, 'informationstillgång sparad i administrationen');
        res.json(outcome.change === 'created' ? 201 : 200, { change: outcome.change, etag: outcome.saved.etag });
      } catch (err) {
        if (!(err instanceof ConcurrencyConflictError)) throw err;
        refuse(res, 409, [{ where: 'formuläret', message: 'någon annan ändrade tillgången samtidigt; läs in sidan igen' }], true);
      }
    }),
  );
}
