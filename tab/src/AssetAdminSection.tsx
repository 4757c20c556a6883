import { Button, Field, Input, MessageBar, MessageBarBody, Select, Text, Textarea, Title3 } from '@fluentui/react-components';
import { useMemo, useState } from 'react';
import type { OrganisationOverview } from '../../src/admin/organisation-overview';
import type { AdminAssetsResponse, AssetImportResponse } from '../../src/api/tab-api-types';
import { FileImport } from './FileImport';
import { labelOf, type Lang, type T } from './texts';

/** The largest register file the page sends (the server takes 256 kB of JSON). */
const ASSET_FILE_MAX_KB = 200;
const CRITICALITIES = ['samhallsviktig', 'verksamhetskritisk', 'ovrig'] as const;
const OTHER = '__other__';

/**
 * The register of information assets in the Administration part: the file as the command reads it
 * (a dry run first), and a form for one asset — new, or one of the register to change. The form's
 * fields are the file's columns, and the server checks them with the file's row rules.
 */
export function AssetAdminSection(props: {
  data: AdminAssetsResponse;
  organisation: OrganisationOverview;
  t: T;
  lang: Lang;
  manage: boolean;
  importFile: (content: string, action: 'preview' | 'import') => Promise<AssetImportResponse>;
  save: (fields: Record<string, string>, etag: string | undefined) => Promise<string>;
}) {
  const { data, organisation, t, lang, manage } = props;
  const blank = () => Object.fromEntries(data.columns.map((c) => [c, c === 'kritikalitet' ? 'verksamhetskritisk' : ''])) as Record<string, string>;
  const [editing, setEditing] = useState<string>('');
  const [fields, setFields] = useState<Record<string, string>>(blank);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState(false);
  const chosen = data.assets.find((a) => a.fields.id === editing);
  const set = (column: string, value: string) => setFields((f) => ({ ...f, [column]: value }));
  // Who may be chosen as owner: the roles list's people for the nämnd and the whole municipality; anyone else by their Entra object id.
  const people = useMemo(() => {
    const committee = organisation.committees.find((c) => c.code === fields['nämnd']);
    const all = [...(committee?.roles ?? []), ...organisation.municipalityWide].flatMap((r) => r.people);
    return [...new Map(all.map((p) => [p.id, p])).values()].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  }, [organisation, fields]);
  const choose = (assetId: string) => {
    setEditing(assetId);
    setOutcome(undefined);
    setFields(data.assets.find((a) => a.fields.id === assetId)?.fields ?? blank());
  };
  const submit = () => {
    setBusy(true);
    props
      .save(fields, chosen?.etag)
      .then((text) => {
        // A new asset is then the one the form changes.
        setEditing(fields.id?.trim() ?? '');
        setOutcome({ ok: true, text });
      })
      .catch((err: unknown) => setOutcome({ ok: false, text: (err as Error).message }))
      .finally(() => setBusy(false));
  };
  const owner = (column: 'systemägare' | 'informationsägare', label: string) => {
    const value = fields[column] ?? '';
    const known = value === '' || people.some((p) => p.id === value);
    return (
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <Field label={label}>
          <Select value={known ? value : OTHER} disabled={!manage} onChange={(_, d) => set(column, d.value === OTHER ? ' ' : d.value)}>
            <option value="">{t('adminAssetNoOwner')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
            <option value={OTHER}>{t('adminAssetOtherOwner')}</option>
          </Select>
        </Field>
        {!known && (
          <Field label={t('adminAssetObjectId')} hint={t('adminAssetObjectIdHint')}>
            <Input value={value.trim()} disabled={!manage} onChange={(_, d) => set(column, d.value)} style={{ minWidth: 320 }} />
          </Field>
        )}
      </div>
    );
  };
  /** A KLASSA level by the file's column, labelled as the aspect it classifies. */
  const level = (column: string, aspect: string) => (
    <Field label={labelOf(lang, 'aspect', aspect)}>
      <Select value={fields[column] ?? ''} disabled={!manage} onChange={(_, d) => set(column, d.value)}>
        <option value="">–</option>
        {[0, 1, 2, 3, 4].map((l) => (
          <option key={l} value={String(l)}>
            {l}
          </option>
        ))}
      </Select>
    </Field>
  );
  return (
    <>
      <FileImport
        name="assets"
        t={t}
        manage={manage}
        texts={{ heading: t('adminAssetFile'), intro: t('adminAssetFileIntro', { columns: data.columns.join(';') }), file: t('adminAssetFileLabel'), rowHeader: t('adminAssetRow'), tooLarge: (size, max) => t('adminAssetTooLarge', { size, max }) }}
        accept=".csv,text/csv"
        maxKb={ASSET_FILE_MAX_KB}
        run={async (content, action) => {
          const answer = await props.importFile(content, action);
          return { dryRun: answer.dryRun, text: answer.text, rows: answer.summary.assets.map((a) => ({ key: a.assetId, title: a.assetName, change: a.change })) };
        }}
      />
      <section aria-labelledby="asset-form-heading" style={{ marginTop: 24, maxWidth: 760, display: 'flex', flexDirection: 'column', gap: 8 }}>
        <Title3 block as="h3" id="asset-form-heading">
          {t('adminAssetForm')}
        </Title3>
        <Text block>{t('adminAssetFormIntro')}</Text>
        <Field label={t('adminAssetChoose')}>
          <Select value={editing} onChange={(_, d) => choose(d.value)}>
            <option value="">{t('adminAssetNew')}</option>
            {data.assets.map((a) => (
              <option key={a.fields.id} value={a.fields.id}>
                {a.fields.namn}
              </option>
            ))}
          </Select>
        </Field>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Field label={t('adminAssetId')} hint={t('adminAssetIdHint')} required>
            <Input value={fields.id ?? ''} disabled={!manage || Boolean(chosen)} onChange={(_, d) => set('id', d.value)} />
          </Field>
          <Field label={t('adminAssetName')} required style={{ flex: 1, minWidth: 260 }}>
            <Input value={fields.namn ?? ''} maxLength={255} disabled={!manage} onChange={(_, d) => set('namn', d.value)} />
          </Field>
        </div>
        <Field label={t('adminAssetDescription')}>
          <Textarea value={fields.beskrivning ?? ''} maxLength={4000} disabled={!manage} onChange={(_, d) => set('beskrivning', d.value)} />
        </Field>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          <Field label={t('adminAssetCommittee')} required>
            <Select value={fields['nämnd'] ?? ''} disabled={!manage} onChange={(_, d) => set('nämnd', d.value)}>
              <option value="">{t('chooseCommittee')}</option>
              {organisation.committees.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('assetsCriticality')}>
            <Select value={fields.kritikalitet ?? ''} disabled={!manage} onChange={(_, d) => set('kritikalitet', d.value)}>
              {CRITICALITIES.map((c) => (
                <option key={c} value={c}>
                  {labelOf(lang, 'criticality', c)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        {owner('systemägare', t('assetsOwner'))}
        {owner('informationsägare', t('assetInformationOwner'))}
        <Text block weight="semibold">
          {t('adminAssetKlassa')}
        </Text>
        <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
          {level('konfidentialitet', 'konfidentialitet')}
          {level('riktighet', 'riktighet')}
          {level('tillgänglighet', 'tillganglighet')}
          {level('spårbarhet', 'sparbarhet')}
          <Field label={t('assetsClassifiedOn')}>
            <Input type="date" value={fields.klassad ?? ''} disabled={!manage} onChange={(_, d) => set('klassad', d.value)} />
          </Field>
          <Field label={t('assetsReview')} hint={t('adminAssetReviewHint', { months: data.reviewMonths })}>
            <Input type="date" value={fields['nästa översyn'] ?? ''} disabled={!manage} onChange={(_, d) => set('nästa översyn', d.value)} />
          </Field>
        </div>
        {outcome && (
          <MessageBar intent={outcome.ok ? 'success' : 'error'} layout="multiline" role={outcome.ok ? 'status' : 'alert'}>
            <MessageBarBody>
              <span style={{ whiteSpace: 'pre-line' }}>{outcome.text}</span>
            </MessageBarBody>
          </MessageBar>
        )}
        {manage && (
          <div>
            <Button appearance="primary" disabled={busy} onClick={submit}>
              {chosen ? t('adminAssetSaveChange') : t('adminAssetCreate')}
            </Button>
          </div>
        )}
      </section>
    </>
  );
}
