import { LineChart, VerticalBarChart, type LineChartDataPoint, type LineChartGap, type LineChartPoints } from '@fluentui/react-charts';
import { Text, tokens } from '@fluentui/react-components';
import type { IncidentFigures, TrainingTrend } from '../../src/status/status-view-types';
import { percent, type Lang, type T } from './texts';

/**
 * Charts beside the figures: what they show is also in a table for screen readers (in the DOM,
 * visually hidden). Colours are Fluent theme tokens (CSS variables), so they follow the light,
 * dark and high-contrast themes; lines differ by dash pattern and width too, not by colour alone
 * (in high contrast every palette colour is the same): the target and the baseline are thicker,
 * with dashes no committee line has.
 */

/** More committees than this and the chart shows only their total (the table still has each one). */
export const MAX_COMMITTEE_LINES = 8;

const COMMITTEE_COLOURS = [
  tokens.colorPaletteBlueBorderActive,
  tokens.colorPaletteBerryBorderActive,
  tokens.colorPaletteTealBorderActive,
  tokens.colorPaletteLavenderBorderActive,
  tokens.colorPaletteCranberryBorderActive,
  tokens.colorPaletteForestBorderActive,
  tokens.colorPaletteMagentaBorderActive,
  tokens.colorPaletteRoyalBlueBorderActive,
];
const COMMITTEE_DASHES = ['', '6 3', '2 3', '10 3 2 3', '12 5', '4 2 1 2', '1 3', '8 2 2 2 2 2'];

const culture = (lang: Lang) => (lang === 'en' ? 'en-GB' : 'sv-SE');

/**
 * The chart as a picture: the SVG and its legend are taken out of the tab order and the
 * accessibility tree (the chart's own focus groups add aria-hidden focus guards that axe rejects,
 * and its labels are in English); the table beside it says the same for screen readers.
 */
const inert = (e: HTMLDivElement | null) => e?.setAttribute('inert', '');

/**
 * The table a screen reader reads instead of the chart: visually hidden, anchored to the figure's
 * corner and in a tiny font, so that its invisible boxes stay inside the figure (and do not run
 * under the next heading or past the window's edge).
 */
function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: { label: string; cells: string[] }[] }) {
  return (
    <div className="visually-hidden" style={{ top: 0, insetInlineStart: 0, fontSize: 1, lineHeight: 1 }}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th scope="col" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {r.cells.map((c, i) => (
                <td key={i}>{c}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Whole-number ticks from 0, at most five, for small counts. */
function countTicks(max: number): number[] {
  const step = Math.max(1, Math.ceil(max / 4));
  const top = Math.max(step, step * Math.ceil(max / step));
  return Array.from({ length: top / step + 1 }, (_, i) => i * step);
}

/** Incidents per quarter as small bars; the same four numbers in a table for screen readers. */
export function IncidentQuarterChart({ figures, t, lang }: { figures: IncidentFigures; t: T; lang: Lang }) {
  const title = t('incidentsByQuarter');
  const ticks = countTicks(Math.max(...figures.byQuarter));
  const data = figures.byQuarter.map((n, i) => ({ x: t('quarter', { n: i + 1 }), y: n, legend: title, yAxisCalloutData: String(n) }));
  return (
    <figure data-chart="incidents-by-quarter" style={{ position: 'relative', margin: '8px 0 12px', maxWidth: 480 }}>
      <DataTable
        caption={title}
        head={[t('quarter', { n: '' }).trim(), t('count')]}
        rows={figures.byQuarter.map((n, i) => ({ label: t('quarter', { n: i + 1 }), cells: [String(n)] }))}
      />
      <figcaption aria-hidden="true">
        <Text weight="semibold">{title}</Text>
      </figcaption>
      <div ref={inert} style={{ height: 180 }}>
        <VerticalBarChart
          data={data}
          height={180}
          hideLegend
          hideTooltip
          useSingleColor
          colors={[tokens.colorBrandForeground1]}
          culture={culture(lang)}
          yMinValue={0}
          yMaxValue={ticks[ticks.length - 1]}
          yAxisTickValues={ticks}
          maxBarWidth={40}
          barWidth="auto"
        />
      </div>
    </figure>
  );
}

/** "2026-03" as the first of that month (UTC, as the chart's date axis reads it). */
const monthDate = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, 1));
};

/** One line: the months that have a rate, with gaps where a month has none. */
function line(months: Date[], rates: (number | null)[], legend: string, monthName: (d: Date) => string, lang: Lang): Pick<LineChartPoints, 'data' | 'gaps' | 'legend'> {
  const data: LineChartDataPoint[] = [];
  const gaps: LineChartGap[] = [];
  let last = -1;
  rates.forEach((rate, i) => {
    if (rate === null || rate === undefined || !months[i]) return;
    if (data.length > 0 && i - last > 1) gaps.push({ startIndex: data.length - 1, endIndex: data.length });
    data.push({ x: months[i], y: rate, xAxisCalloutData: monthName(months[i]), yAxisCalloutData: percent(rate, lang) });
    last = i;
  });
  return { legend, data, gaps };
}

/**
 * Training completion month by month: all committees together, one line per committee (when
 * there are at most MAX_COMMITTEE_LINES of them), and the target and the audit's baseline as
 * flat reference lines; y from 0 to 100 %. The month × series table is for screen readers.
 */
export function TrainingTrendChart({ trend, target, t, lang }: { trend: TrainingTrend; target: number; t: T; lang: Lang }) {
  const title = t('trainingTrend');
  const months = trend.months.map(monthDate);
  const short = new Intl.DateTimeFormat(culture(lang), { month: 'short', timeZone: 'UTC' });
  const long = new Intl.DateTimeFormat(culture(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' });
  const monthName = (d: Date) => long.format(d);
  const tooMany = trend.committees.length > MAX_COMMITTEE_LINES;
  // One committee's line would only repeat the line of all of them.
  const committeeLines = !tooMany && trend.committees.length > 1 ? trend.committees : [];
  const overallLabel = t('allCommittees');
  const targetLabel = t('trendTarget', { rate: percent(target, lang) });
  const baselineLabel = t('trendBaseline', { rate: percent(trend.baseline, lang) });
  const flat = (y: number, legend: string) => line(months, months.map(() => y), legend, monthName, lang);

  const lines: LineChartPoints[] = [
    { ...line(months, trend.overall, overallLabel, monthName, lang), color: tokens.colorNeutralForeground1, lineOptions: { strokeWidth: 4 } },
    ...committeeLines.map((c, i) => ({
      ...line(months, c.rates, c.name, monthName, lang),
      color: COMMITTEE_COLOURS[i % COMMITTEE_COLOURS.length]!,
      lineOptions: { strokeWidth: 2, strokeDasharray: COMMITTEE_DASHES[i % COMMITTEE_DASHES.length]! },
    })),
    { ...flat(target, targetLabel), color: tokens.colorStatusSuccessForeground1, lineOptions: { strokeWidth: 2, strokeDasharray: '8 4' }, hideNonActiveDots: true },
    { ...flat(trend.baseline, baselineLabel), color: tokens.colorStatusWarningForeground1, lineOptions: { strokeWidth: 3, strokeDasharray: '1 6' }, hideNonActiveDots: true },
  ];
  const caption = t('trainingTrendCaption', { target: percent(target, lang), baseline: percent(trend.baseline, lang) });

  return (
    <figure data-chart="training-trend" style={{ position: 'relative', margin: '12px 0 16px', maxWidth: 760 }}>
      <DataTable
        caption={`${title}. ${caption}`}
        head={[t('month'), overallLabel, ...trend.committees.map((c) => c.name)]}
        rows={months.map((d, i) => ({
          label: monthName(d),
          cells: [percent(trend.overall[i] ?? null, lang), ...trend.committees.map((c) => percent(c.rates[i] ?? null, lang))],
        }))}
      />
      <figcaption>
        <Text weight="semibold" block aria-hidden="true">
          {title}
        </Text>
        {tooMany && <Text block>{t('trendTooMany', { n: trend.committees.length })}</Text>}
      </figcaption>
      <div ref={inert}>
        <LineChart
          data={{ lineChartData: lines }}
          height={300}
          margins={{ top: 20, bottom: 35, left: 56, right: 20 }}
          hideLegend
          culture={culture(lang)}
          yMinValue={0}
          yMaxValue={1}
          yAxisTickValues={[0, 0.25, 0.5, 0.75, 1]}
          yAxisTickFormat={(v: number) => percent(v, lang)}
          tickValues={months}
          customDateTimeFormatter={(d: Date) => short.format(d)}
          hideTooltip
        />
        <LineLegend lines={lines} />
      </div>
    </figure>
  );
}

/**
 * The lines' key, drawn here rather than by the chart: the chart's own legend capitalises every
 * word ("Alla Nämnder Du Ser") and shows a marker, not the line's dash.
 */
function LineLegend({ lines }: { lines: LineChartPoints[] }) {
  return (
    <ul style={{ display: 'flex', flexWrap: 'wrap', gap: '4px 16px', listStyle: 'none', margin: '4px 0 0', padding: 0 }}>
      {lines.map((l) => (
        <li key={l.legend} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
          <svg width="28" height="10" aria-hidden="true">
            <line x1="1" y1="5" x2="27" y2="5" stroke={l.color} strokeWidth={l.lineOptions?.strokeWidth ?? 2} strokeDasharray={l.lineOptions?.strokeDasharray} />
          </svg>
          <Text size={200}>{l.legend}</Text>
        </li>
      ))}
    </ul>
  );
}
