import { sameStoredValue } from '../store/same-value';
import { changedFields, recordAudit } from '../store/record-audit';
import type { CreateResult, ListRepository, Store, StoredItem } from '../store/store';
import type { AssetMeasure, InformationAsset, RiskAnalysis } from './information-asset';

/** Each asset of the file and what the import does with it, in the file's order: what a dry run shows. */
export interface AssetImportSummary {
  created: number;
  updated: number;
  unchanged: number;
  assets: { assetId: string; assetName: string; change: 'created' | 'updated' | 'unchanged' }[];
}

/** The import's outcome in one line of Swedish, as `npm run assets -- import` prints it. */
export function describeAssetImport(s: AssetImportSummary, dryRun: boolean): string {
  return `${dryRun ? 'Provkörning, inget sparat: ' : ''}Informationstillgångar: ${s.created} nya, ${s.updated} ändrade, ${s.unchanged} oförändrade.`;
}

/** A list's items of these nämnder, one indexed query each: each read stays below SharePoint's list view threshold. */
export async function ofCommittees<T>(list: Pick<ListRepository<T, 'committeeCode'>, 'query'>, committees: readonly string[]): Promise<StoredItem<T>[]> {
  return (await Promise.all(committees.map((code) => list.query({ field: 'committeeCode', op: 'eq', value: code })))).flat();
}

/** The records of a read, without their versions. */
export const valuesOf = async <T>(list: Promise<StoredItem<T>[]>): Promise<T[]> => (await list).map((i) => i.value);

/** The register of these nämnder with its risk analyses and measures: what the tab, the reminders and the year's report count from. */
export async function registerOf(store: Store, committees: readonly string[]): Promise<{ assets: InformationAsset[]; analyses: RiskAnalysis[]; measures: AssetMeasure[] }> {
  const [assets, analyses, measures] = await Promise.all([valuesOf(ofCommittees(store.assets, committees)), valuesOf(ofCommittees(store.riskAnalyses, committees)), valuesOf(ofCommittees(store.assetMeasures, committees))]);
  return { assets, analyses, measures };
}

/** The whole register, committee by committee. */
export function allAssets(store: Store, committees: readonly string[]): Promise<StoredItem<InformationAsset>[]> {
  return ofCommittees(store.assets, committees);
}

/** The most systems the report form lists: a card stays well below Teams' 28 KB. */
export const MAX_FORM_ASSETS = 80;

/**
 * The register as the report form offers it to a member of staff: their own nämnd's systems, in
 * name order, at most MAX_FORM_ASSETS. A system whose confidentiality is classified at level 4
 * (security-protected information) is not named to everyone; it can still be written as free text.
 */
export async function assetChoices(store: Store, committeeCode: string | undefined): Promise<{ assetId: string; label: string }[]> {
  if (!committeeCode) return [];
  const assets = (await store.assets.query({ field: 'committeeCode', op: 'eq', value: committeeCode })).map((i) => i.value);
  return assets
    .filter((a) => a.confidentiality !== 4)
    .sort((a, b) => a.assetName.localeCompare(b.assetName, 'sv'))
    .slice(0, MAX_FORM_ASSETS)
    .map((a) => ({ assetId: a.assetId, label: a.assetName }));
}

/** One asset by its id (the key it was stored under), or undefined. */
export async function assetById(store: Store, assetId: string): Promise<StoredItem<InformationAsset> | undefined> {
  return /^[a-z0-9][a-z0-9-]{0,99}$/.test(assetId) ? store.assets.getByKey(`asset:${assetId}`) : undefined;
}

const FIELDS: (keyof InformationAsset)[] = [
  'assetName', 'description', 'committeeCode', 'systemOwnerId', 'informationOwnerId', 'criticality',
  'confidentiality', 'integrity', 'availability', 'traceability', 'classifiedOn', 'classificationReviewOn',
];

/** Whether the stored asset differs from the one given in any field the register holds. */
const differs = (stored: InformationAsset, asset: InformationAsset) => FIELDS.some((f) => !sameStoredValue(stored[f], asset[f]));

/** New assets, each keyed by its id (a repeat stores nothing twice), each with an audit entry. */
async function createAssets(store: Store, assets: InformationAsset[], options: { actorId: string; at: string }): Promise<CreateResult<InformationAsset>[]> {
  const created = await store.assets.createMany(assets.map((a) => ({ key: `asset:${a.assetId}`, value: a })));
  for (const c of created.filter((c) => c.created)) {
    await recordAudit(store, `asset:${c.item.value.assetId}:created:${options.at}`, {
      at: options.at, actorId: options.actorId, recordKind: 'asset', recordKey: c.item.value.assetId, action: 'skapad', before: '', after: JSON.stringify(c.item.value),
    });
  }
  return created;
}

/** An asset as given, written over the version read (every field: one left empty is emptied), with an audit entry of what changed. */
async function updateAsset(store: Store, item: StoredItem<InformationAsset>, asset: InformationAsset, options: { actorId: string; at: string }): Promise<StoredItem<InformationAsset>> {
  const patch = Object.fromEntries(FIELDS.map((f) => [f, asset[f] ?? null])) as Partial<InformationAsset>;
  const saved = await store.assets.update(item.id, item.etag, patch);
  await recordAudit(store, `asset:${asset.assetId}:changed:${options.at}`, { at: options.at, actorId: options.actorId, recordKind: 'asset', recordKey: asset.assetId, action: 'ändrad', ...changedFields(item.value, patch) });
  return saved;
}

/**
 * One asset from the tab's form: a new one created (refused when its id is taken), an existing one
 * written over the version the form was opened with (`etag`): someone's save in between is not lost
 * but refused, as ConcurrencyConflictError.
 */
export async function saveAsset(
  store: Store,
  asset: InformationAsset,
  options: { actorId: string; at: string; etag?: string },
): Promise<{ saved: StoredItem<InformationAsset>; change: 'created' | 'updated' | 'unchanged' } | { refused: 'idTaken' | 'gone' }> {
  const existing = await assetById(store, asset.assetId);
  if (options.etag === undefined) {
    if (existing) return { refused: 'idTaken' };
    const [made] = await createAssets(store, [asset], options);
    // Someone else's create of the same id in between: theirs stands.
    if (!made!.created) return { refused: 'idTaken' };
    return { saved: made!.item, change: 'created' };
  }
  if (!existing) return { refused: 'gone' };
  if (!differs(existing.value, asset)) return { saved: existing, change: 'unchanged' };
  return { saved: await updateAsset(store, { ...existing, etag: options.etag }, asset, options), change: 'updated' };
}

/**
 * Writes a checked register to the store: a new asset is created (keyed by its id), a changed one
 * updated with the version read, each with an audit entry; importing the same file again changes
 * nothing. A field the file leaves empty is emptied: the file is the register as it stands.
 */
export async function importAssets(
  store: Store,
  assets: InformationAsset[],
  options: { committees: readonly string[]; actorId: string; at: string; dryRun: boolean },
): Promise<AssetImportSummary> {
  const existing = new Map((await allAssets(store, options.committees)).map((i) => [i.value.assetId, i]));
  const changeOf = (asset: InformationAsset) => {
    const item = existing.get(asset.assetId);
    return !item ? ('created' as const) : differs(item.value, asset) ? ('updated' as const) : ('unchanged' as const);
  };
  const rows = assets.map((a) => ({ asset: a, change: changeOf(a) }));
  const summary: AssetImportSummary = {
    created: rows.filter((r) => r.change === 'created').length,
    updated: rows.filter((r) => r.change === 'updated').length,
    unchanged: rows.filter((r) => r.change === 'unchanged').length,
    assets: rows.map((r) => ({ assetId: r.asset.assetId, assetName: r.asset.assetName, change: r.change })),
  };
  if (options.dryRun) return summary;
  await createAssets(store, rows.filter((r) => r.change === 'created').map((r) => r.asset), options);
  for (const { asset } of rows.filter((r) => r.change === 'updated')) await updateAsset(store, existing.get(asset.assetId)!, asset, options);
  return summary;
}
