/**
 * `postmortem-lint stats --format html`: one self-contained page (its script
 * and Chart.js inlined, no request leaves it) with each incident on a log
 * time axis from its start to its end with markers for detection, mitigation
 * and resolution, the distribution of durations, and the metrics table.
 */
import {readFileSync} from 'node:fs'
import {basename} from 'node:path'
import type {ReportData} from './charts.js'
import {type IncidentMetrics, type Summary, summary} from './stats.js'
import {formatLength} from './time/instant.js'

/**
 * The page's script: `src/charts.ts` (shared with the playground) and
 * Chart.js, bundled for the browser by `npm run build`, read once. Found from
 * `dist/` and from `src/` alike (the CLI runs from `dist/`, tests from `src/`).
 */
let pageScript: string | undefined
function reportScript(): string {
  pageScript ??= readFileSync(new URL('../dist/report-page.js', import.meta.url), 'utf8')
  return pageScript
}

const escapeHtml = (value: unknown) =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (char) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'})[char] ?? char,
  )

/** Script text can hold anything but `</script`: escape `<` in the JSON. */
const scriptJson = (value: unknown) => JSON.stringify(value).replaceAll('<', '\\u003c')

/** Duration buckets: incident lengths spread over orders of magnitude. */
const durationBuckets: {label: string; upTo: number}[] = [
  {label: '< 15 min', upTo: 15},
  {label: '15–30 min', upTo: 30},
  {label: '30–60 min', upTo: 60},
  {label: '1–2 h', upTo: 120},
  {label: '2–4 h', upTo: 240},
  {label: '4–8 h', upTo: 480},
  {label: '8–24 h', upTo: 1440},
  {label: '1–3 days', upTo: 4320},
  {label: '> 3 days', upTo: Number.POSITIVE_INFINITY},
]

export function durationHistogram(rows: readonly IncidentMetrics[]): number[] {
  const counts = durationBuckets.map(() => 0)
  for (const row of rows) {
    if (row.durationMinutes === undefined) continue
    const index = durationBuckets.findIndex(
      (bucket) => (row.durationMinutes as number) < bucket.upTo,
    )
    counts[index] = (counts[index] ?? 0) + 1
  }
  return counts
}

const minutes = (value: number | undefined) =>
  value === undefined ? '' : formatLength(value * 60_000)

function summaryRow(name: string, values: Summary, format: (value?: number) => string): string {
  return `<tr><th scope="row">${escapeHtml(name)}</th><td>${values.count}</td><td>${escapeHtml(format(values.median))}</td><td>${escapeHtml(format(values.p90))}</td></tr>`
}

/** The page, as one string. */
export function htmlReport(rows: readonly IncidentMetrics[]): string {
  const totals = summary(rows)
  const timed = rows.filter((row) => row.durationMinutes !== undefined)
  const names = rows.map((row) => basename(row.path))
  const unique = (row: IncidentMetrics) => {
    const name = basename(row.path)
    return names.filter((other) => other === name).length > 1 ? row.path : name
  }
  const data: ReportData = {
    incidents: timed.map((row) => ({
      label: unique(row),
      ...(row.start ? {start: row.start} : {}),
      duration: row.durationMinutes as number,
      detect: row.timeToDetectMinutes,
      mitigate: row.timeToMitigateMinutes,
      resolve: row.timeToResolveMinutes,
    })),
    buckets: durationBuckets.map((bucket) => bucket.label),
    histogram: durationHistogram(rows),
  }
  const percent = (value?: number) => (value === undefined ? '' : `${value}%`)
  const tableRows = rows
    .map(
      (row) =>
        `<tr><td>${escapeHtml(row.path)}</td><td>${escapeHtml(row.start)}</td><td>${escapeHtml(row.end)}</td><td>${escapeHtml(row.zone)}</td><td>${escapeHtml(minutes(row.durationMinutes))}</td><td>${escapeHtml(minutes(row.timeToDetectMinutes))}</td><td>${escapeHtml(minutes(row.timeToMitigateMinutes))}</td><td>${escapeHtml(minutes(row.timeToResolveMinutes))}</td><td>${escapeHtml(percent(row.impactPercent))}</td><td>${escapeHtml(row.problems.join('; '))}</td></tr>`,
    )
    .join('\n')
  const timelineHeight = Math.max(160, 60 + timed.length * 28)
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Postmortem metrics</title>
<style>
body { font: 14px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #1f2328; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #f6f8fa; }
.chart { position: relative; width: 100%; }
.note { color: #59636e; }
</style>
</head>
<body>
<h1>Postmortem metrics</h1>
<p class="note">${rows.length} postmortem${rows.length === 1 ? '' : 's'}; ${timed.length} with a stated start and end. Times from each incident's start, on a log scale so that an incident of minutes and one of days can both be read.</p>

<h2>Incidents on a time axis</h2>
<p class="note">Each bar runs from the incident's start to its end; a diamond marks detection, a triangle mitigation (the first entry that stops or reduces the impact: a rollback, a failover, a workaround; else resolution), a circle resolution (the last resolution entry of the timeline, else the stated end).</p>
<div class="chart" style="height: ${timelineHeight}px"><canvas id="timeline" role="img" aria-label="Each incident from start to end, with detection and resolution"></canvas></div>

<h2>Distribution of durations</h2>
<div class="chart" style="height: 260px"><canvas id="durations" role="img" aria-label="How many incidents lasted how long"></canvas></div>

<h2>Summary</h2>
<table id="summary">
<thead><tr><th scope="col">metric</th><th scope="col">count</th><th scope="col">median</th><th scope="col">90th percentile</th></tr></thead>
<tbody>
${summaryRow('duration', totals.durationMinutes, minutes)}
${summaryRow('time to detect', totals.timeToDetectMinutes, minutes)}
${summaryRow('time to mitigate', totals.timeToMitigateMinutes, minutes)}
${summaryRow('time to resolve', totals.timeToResolveMinutes, minutes)}
${summaryRow('impact share', totals.impactPercent, percent)}
</tbody>
</table>

<h2>Incidents</h2>
<table id="incidents">
<thead><tr><th scope="col">postmortem</th><th scope="col">start</th><th scope="col">end</th><th scope="col">zone</th><th scope="col">duration</th><th scope="col">time to detect</th><th scope="col">time to mitigate</th><th scope="col">time to resolve</th><th scope="col">impact</th><th scope="col">not measured</th></tr></thead>
<tbody>
${tableRows}
</tbody>
</table>

<script>${reportScript()}</script>
<script id="report-data" type="application/json">${scriptJson(data)}</script>
<script>
drawReport(JSON.parse(document.getElementById('report-data').textContent))
document.body.dataset.rendered = 'true'
</script>
</body>
</html>
`
}
