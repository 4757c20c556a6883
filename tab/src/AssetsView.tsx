import { Badge, Link, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3 } from '@fluentui/react-components';
import type { AssetRow, AssetsResponse } from '../../src/api/tab-api-types';
import { day, percent, type Lang, type T } from './texts';

/**
 * The register of information assets: per nämnd, how many of its critical systems have a current
 * KLASSA classification and risk analysis, and its measures open and late; then every asset with
 * its levels and dates. What is not current says so in words, not by colour alone.
 */
export function AssetsView({ data, t, lang, open }: { data: AssetsResponse; t: T; lang: Lang; open: (assetId: string) => void }) {
  const share = (n: number, of: number) => `${t('adminOf', { n, of })} (${percent(of ? n / of : null, lang)})`;
  return (
    <section aria-labelledby="assets-heading">
      <Title3 block as="h2" id="assets-heading">
        {t('assets')}
      </Title3>
      <Text block>{t('assetsIntro', { months: data.reviewMonths })}</Text>
      {data.coverage.length === 0 && <Text block>{t('assetsOwnOnly')}</Text>}
      {data.coverage.length > 0 && (
        <>
          <Title3 block as="h3" id="assets-coverage-heading" style={{ marginTop: 12 }}>
            {t('assetsCoverage')}
          </Title3>
          <Table aria-labelledby="assets-coverage-heading" size="small" style={{ margin: '8px 0 24px', tableLayout: 'auto' }}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('assetsCoverageCommittee')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('assetsCritical')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('assetsClassified')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('assetsAnalysed')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('assetsMeasuresOpen')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('assetsMeasuresLate')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.coverage.map((c) => (
                <TableRow key={c.committeeCode} data-committee={c.committeeCode}>
                  <TableCell>{c.committee}</TableCell>
                  <TableCell>{c.critical}</TableCell>
                  <TableCell>{c.critical ? share(c.classified, c.critical) : '–'}</TableCell>
                  <TableCell>{c.critical ? share(c.analysed, c.critical) : '–'}</TableCell>
                  <TableCell>{c.measuresOpen}</TableCell>
                  <TableCell>{c.measuresLate}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
      <Title3 block as="h3" id="assets-list-heading" style={{ marginTop: 12 }}>
        {t('assetsList')}
      </Title3>
      {data.assets.length === 0 ? (
        <Text block>{t('assetsNone')}</Text>
      ) : (
        <Table aria-labelledby="assets-list-heading" size="small" style={{ margin: '8px 0 24px', tableLayout: 'auto' }}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('assetsName')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('assetsCoverageCommittee')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('assetsCriticality')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('assetsLevels')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('assetsClassifiedOn')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('assetsReview')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('assetsAnalysedOn')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('assetsOwner')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.assets.map((a) => (
              <AssetLine key={a.assetId} a={a} t={t} lang={lang} open={open} />
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

/** Dates and levels are read as one: a date broken over two lines reads as two. */
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

function AssetLine({ a, t, lang, open }: { a: AssetRow; t: T; lang: Lang; open: (assetId: string) => void }) {
  const level = (l: number | null) => (l === null ? '–' : String(l));
  const { confidentiality: c, integrity: i, availability: av, traceability: s } = a.levels;
  const classified = c !== null;
  return (
    <TableRow data-asset={a.assetId}>
      <TableCell>
        <Link as="button" onClick={() => open(a.assetId)}>
          {a.assetName}
        </Link>
        {a.measuresLate > 0 && (
          <Text block size={200}>
            {t('assetsLateMeasures', { n: a.measuresLate })}
          </Text>
        )}
      </TableCell>
      <TableCell>{a.committee}</TableCell>
      <TableCell>
        <Badge appearance="tint" color={a.critical ? 'important' : 'subtle'}>
          {a.criticalityLabel}
        </Badge>
      </TableCell>
      <TableCell style={NO_WRAP} aria-label={classified ? t('assetsLevelsLabel', { c: level(c), i: level(i), a: level(av), s: level(s) }) : t('assetsNotClassified')}>
        {classified ? `${level(c)} / ${level(i)} / ${level(av)} / ${level(s)}` : t('assetsNotClassified')}
      </TableCell>
      <TableCell style={NO_WRAP}>{a.classifiedOn ? day(a.classifiedOn, lang) : '–'}</TableCell>
      <TableCell style={NO_WRAP}>
        {a.classificationDue ? (
          <>
            <Text block>{day(a.classificationDue, lang)}</Text>
            {!a.classificationCurrent && (
              <Badge appearance="tint" color="danger">
                {t('assetsDue')}
              </Badge>
            )}
          </>
        ) : (
          '–'
        )}
      </TableCell>
      <TableCell style={NO_WRAP}>
        {a.analysedOn ? (
          <>
            <Text block>{day(a.analysedOn, lang)}</Text>
            {!a.analysisCurrent && (
              <Badge appearance="tint" color="danger">
                {t('assetsDue')}
              </Badge>
            )}
          </>
        ) : (
          t('assetsNoAnalysis')
        )}
      </TableCell>
      <TableCell>{a.systemOwner || '–'}</TableCell>
    </TableRow>
  );
}
