/**
 * The charts of `stats --format html` and of the playground, one module for
 * both (bundled for the browser with Chart.js: `dist/report-page.js` for the
 * report, `dist/playground/index.html` for the playground): the time axes,
 * their readable ticks (`15 min`, `1 h`, `1 day`), and the marks for
 * detection, mitigation and resolution.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartItem,
  type ChartType,
  Legend,
  LinearScale,
  LogarithmicScale,
  PointElement,
  type Scale,
  ScatterController,
  Tooltip,
  type TooltipItem,
} from 'chart.js'

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  Legend,
  LinearScale,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
)
Chart.defaults.animation = false
Chart.defaults.font.family = 'system-ui, sans-serif'

export {Chart}

const hour = 60
const day = 24 * hour
const week = 7 * day

/** A length in whole minutes as an axis or tooltip says it: `0`, `15 min`, `1 h 30 min`, `1 day`, `2 weeks`. */
export function lengthLabel(minutes: number): string {
  if (minutes < 0) return `-${lengthLabel(-minutes)}`
  const whole = Math.round(minutes)
  if (whole === 0) return '0'
  if (whole % week === 0) return `${whole / week} ${whole === week ? 'week' : 'weeks'}`
  const parts: string[] = []
  const days = Math.floor(whole / day)
  const hours = Math.floor((whole % day) / hour)
  const rest = whole % hour
  if (days) parts.push(`${days} ${days === 1 ? 'day' : 'days'}`)
  if (hours) parts.push(`${hours} h`)
  if (rest) parts.push(`${rest} min`)
  return parts.join(' ')
}

/** Where a log axis of minutes puts its ticks: lengths people say. */
const logTickValues = [
  1,
  5,
  15,
  30,
  hour,
  2 * hour,
  6 * hour,
  12 * hour,
  day,
  2 * day,
  week,
  2 * week,
  30 * day,
  90 * day,
  365 * day,
]

/** The ticks of a log axis of minutes up to `max` (at least `1 min` and one tick at or past `max`). */
export function logTicks(max: number): number[] {
  const ticks = logTickValues.filter((value) => value < max)
  const last = logTickValues.find((value) => value >= max) ?? max
  return [...ticks, last]
}

/** Steps of a linear axis of minutes: each a length people say, so every tick is one too. */
const linearSteps = [
  1,
  2,
  5,
  10,
  15,
  30,
  hour,
  2 * hour,
  3 * hour,
  6 * hour,
  12 * hour,
  day,
  2 * day,
  week,
  2 * week,
  30 * day,
]

/**
 * Ticks every round step through 0, from at or before `min` to at or past
 * `max` minutes (the axis runs from the first to the last), about `most` steps, at least one.
 */
export function linearTicks(min: number, max: number, most = 8): number[] {
  const range = Math.max(1, max - min)
  const step =
    linearSteps.find((candidate) => range / candidate <= most) ??
    Math.ceil(range / most / day) * day
  const ticks = [Math.floor(min / step) * step]
  while (ticks.length < 2 || (ticks.at(-1) as number) < max)
    ticks.push((ticks.at(-1) as number) + step)
  return ticks
}

/** Marks for the incident's milestones, the same in the report and the playground. */
const milestoneStyles = {
  detected: {label: 'Detected', pointStyle: 'rectRot', pointRadius: 7, color: 'rgb(191, 135, 0)'},
  mitigated: {
    label: 'Mitigated',
    pointStyle: 'triangle',
    pointRadius: 7,
    color: 'rgb(130, 80, 223)',
  },
  resolved: {label: 'Resolved', pointStyle: 'circle', pointRadius: 6, color: 'rgb(26, 127, 55)'},
} as const

type Milestone = keyof typeof milestoneStyles

/** Message colours: entries a rule flags are drawn in them. */
const severityColors = {
  error: 'rgb(207, 34, 46)',
  warning: 'rgb(219, 109, 40)',
  info: 'rgb(9, 105, 218)',
} as const

export type Severity = keyof typeof severityColors

const bandFill = 'rgba(9, 105, 218, 0.35)'
/** A timeline entry no rule flags. */
const plainEntry = 'rgb(110, 119, 129)'
const bandLine = 'rgb(9, 105, 218)'

/** A Chart.js axis whose ticks are exactly `values`. */
const fixedTicks = (values: () => number[]) => (axis: Scale) => {
  axis.ticks = values().map((value) => ({value}))
}

/** The x value of a hovered mark. */
const xOf = (context: TooltipItem<ChartType>) => (context.parsed as {x?: number}).x ?? 0

// ---------------------------------------------------------------------------
// `stats --format html`

interface ReportIncident {
  label: string
  start?: string
  duration: number
  detect?: number
  mitigate?: number
  resolve?: number
}

/** What the report page hands its script (a JSON block in the page). */
export interface ReportData {
  incidents: ReportIncident[]
  buckets: string[]
  histogram: number[]
}

/**
 * Each incident as a bar from its start to its end on one log axis of
 * minutes, so that a 2-hour incident and a 7-day one are both readable; `0`
 * (a detection at the start) sits at the axis' first tick, `1 min`.
 */
function incidentsChart(data: ReportData): ChartConfiguration {
  const labels = data.incidents.map((incident) => incident.label)
  // A log axis has no 0: what happens at the start is drawn at its first tick.
  const onAxis = (minutes: number) => Math.max(1, minutes)
  const longest = Math.max(
    2,
    ...data.incidents.flatMap((incident) => [
      incident.duration,
      incident.detect ?? 0,
      incident.mitigate ?? 0,
      incident.resolve ?? 0,
    ]),
  )
  const ticks = logTicks(longest)
  const marks = (milestone: Milestone, key: 'detect' | 'mitigate' | 'resolve') => {
    const style = milestoneStyles[milestone]
    return {
      type: 'scatter' as const,
      label: style.label,
      data: data.incidents
        .filter((incident) => incident[key] !== undefined)
        .map((incident) => ({
          x: onAxis(incident[key] as number),
          y: incident.label,
          minutes: incident[key],
        })),
      pointStyle: style.pointStyle,
      pointRadius: style.pointRadius,
      backgroundColor: style.color,
      borderColor: style.color,
      // A mark at the axis' first tick is drawn whole.
      clip: false,
    }
  }
  return {
    type: 'bar',
    data: {
      labels,
      datasets: [
        {
          type: 'bar',
          label: 'Start to end',
          data: data.incidents.map(
            (incident) => [1, onAxis(incident.duration)] as [number, number],
          ),
          backgroundColor: bandFill,
          borderColor: bandLine,
          borderWidth: 1,
          barPercentage: 0.6,
          // Drawn first, under the marks (Chart.js draws the lowest `order` on top).
          order: 1,
        },
        marks('detected', 'detect'),
        marks('mitigated', 'mitigate'),
        marks('resolved', 'resolve'),
      ],
    } as ChartConfiguration['data'],
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      scales: {
        x: {
          type: 'logarithmic',
          min: 1,
          max: ticks.at(-1) as number,
          title: {display: true, text: "time from each incident's start (log scale)"},
          afterBuildTicks: fixedTicks(() => ticks),
          ticks: {autoSkip: false, callback: (value) => lengthLabel(Number(value))},
        },
        y: {type: 'category', labels},
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (context: TooltipItem<ChartType>) => {
              const incident = data.incidents[context.dataIndex]
              if (context.dataset.type === 'bar' && incident)
                return `start ${incident.start ?? ''}, lasted ${lengthLabel(incident.duration)}`
              const minutes = (context.raw as {minutes?: number}).minutes ?? 0
              return `${context.dataset.label} after ${lengthLabel(minutes)}`
            },
          },
        },
      },
    },
  }
}

function durationsChart(data: ReportData): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: data.buckets,
      datasets: [
        {label: 'Incidents', data: data.histogram, backgroundColor: 'rgba(130, 80, 223, 0.6)'},
      ],
    },
    options: {
      maintainAspectRatio: false,
      scales: {
        y: {beginAtZero: true, ticks: {precision: 0}, title: {display: true, text: 'incidents'}},
        x: {title: {display: true, text: 'duration'}},
      },
    },
  }
}

/** Draw the report's two charts on the canvases with these ids. */
export function drawReport(data: ReportData, ids = {timeline: 'timeline', durations: 'durations'}) {
  new Chart(ids.timeline, incidentsChart(data))
  new Chart(ids.durations, durationsChart(data))
}

// ---------------------------------------------------------------------------
// The playground: one incident

export interface DrawnEntry {
  /** Minutes from the drawing's origin (negative before it). */
  minutes: number
  /** The timestamp as written. */
  time: string
  /** The entry's first line. */
  text: string
  /** The worst severity of the messages on the entry, if a rule flags it. */
  severity?: Severity
  reasons: string[]
  /** File offsets of the entry's first line. */
  start: number
  end: number
}

/** One incident as the playground draws it, from the incident model. */
export interface IncidentDrawing {
  /** What minute 0 is: the stated start as written, else the first entry's time. */
  origin: string
  /** The stated end, in minutes from the stated start, and as written. */
  end?: {minutes: number; text: string}
  /** The stated length (`2 hours`) as written, and the worst message on it. */
  stated?: {minutes: number; text: string; severity?: Severity}
  milestones: Partial<Record<Milestone, number>>
  entries: DrawnEntry[]
  /** Entries whose time could not be read (not drawn). */
  undrawn: number
}

const rows = ['start to end', 'stated length', 'timeline']

/** The stated start and end (minutes `from` and `to`) as a band behind every row. */
const bandPlugin = (from: number, to: number | undefined) => ({
  id: 'incidentBand',
  beforeDatasetsDraw(chart: Chart) {
    const x = chart.scales.x
    if (!x || to === undefined) return
    const {top, bottom} = chart.chartArea
    const left = x.getPixelForValue(from)
    const right = x.getPixelForValue(to)
    const context = chart.ctx
    context.save()
    context.fillStyle = 'rgba(9, 105, 218, 0.08)'
    context.fillRect(left, top, right - left, bottom - top)
    context.strokeStyle = 'rgba(9, 105, 218, 0.6)'
    context.setLineDash([4, 3])
    context.strokeRect(left, top, right - left, bottom - top)
    context.restore()
  },
})

function incidentChart(
  drawing: IncidentDrawing,
  onEntry: (entry: DrawnEntry) => void,
): ChartConfiguration {
  const end = drawing.end?.minutes
  const values = [
    0,
    end ?? 0,
    drawing.stated?.minutes ?? 0,
    ...drawing.entries.map((entry) => entry.minutes),
    ...Object.values(drawing.milestones),
  ]
  const ticks = linearTicks(Math.min(...values), Math.max(...values))
  const milestoneMarks = (Object.keys(milestoneStyles) as Milestone[])
    .filter((milestone) => drawing.milestones[milestone] !== undefined)
    .map((milestone) => {
      const style = milestoneStyles[milestone]
      return {
        type: 'scatter' as const,
        label: style.label,
        data: [{x: drawing.milestones[milestone] as number, y: rows[0]}],
        pointStyle: style.pointStyle,
        pointRadius: style.pointRadius,
        backgroundColor: style.color,
        borderColor: style.color,
      }
    })
  const entryColor = (entry: DrawnEntry) =>
    entry.severity ? severityColors[entry.severity] : plainEntry
  const statedColor = drawing.stated?.severity
    ? severityColors[drawing.stated.severity]
    : 'rgba(26, 127, 55, 0.45)'
  return {
    type: 'bar',
    data: {
      labels: rows,
      datasets: [
        {
          type: 'bar',
          label: 'Stated start to end',
          data: [
            end === undefined ? null : [0, end],
            drawing.stated ? [0, drawing.stated.minutes] : null,
            null,
          ],
          backgroundColor: [bandFill, statedColor, bandFill],
          borderColor: [bandLine, statedColor, bandLine],
          borderWidth: 1,
          barPercentage: 0.5,
          grouped: false,
          order: 1,
        },
        ...milestoneMarks,
        {
          type: 'scatter',
          label: 'Timeline entries',
          data: drawing.entries.map((entry) => ({x: entry.minutes, y: rows[2]})),
          pointRadius: drawing.entries.map((entry) => (entry.severity ? 7 : 5)),
          pointHoverRadius: 9,
          backgroundColor: drawing.entries.map(entryColor),
          borderColor: drawing.entries.map(entryColor),
        },
      ],
    } as ChartConfiguration['data'],
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      onClick: (_event, elements, chart) => {
        for (const element of elements) {
          if (chart.data.datasets[element.datasetIndex]?.label !== 'Timeline entries') continue
          const entry = drawing.entries[element.index]
          if (entry) onEntry(entry)
          return
        }
      },
      scales: {
        x: {
          type: 'linear',
          min: ticks[0] as number,
          max: ticks.at(-1) as number,
          title: {display: true, text: `time from ${drawing.origin}`},
          afterBuildTicks: fixedTicks(() => ticks),
          ticks: {autoSkip: false, callback: (value) => lengthLabel(Number(value))},
        },
        y: {type: 'category', labels: rows},
      },
      plugins: {
        legend: {
          // The message colours' items stand for no dataset: clicking them hides nothing.
          onClick(event, item, legend) {
            if (item.datasetIndex !== undefined)
              Chart.defaults.plugins.legend.onClick.call(this, event, item, legend)
          },
          labels: {
            // The entries' legend is grey, with the message colours beside it.
            generateLabels: (chart) => {
              const defaults = Chart.defaults.plugins.legend.labels.generateLabels(chart)
              return [
                ...defaults
                  .filter((item) => item.text !== 'Stated start to end')
                  .map((item) =>
                    item.text === 'Timeline entries'
                      ? {...item, fillStyle: plainEntry, strokeStyle: plainEntry}
                      : item,
                  ),
                ...(['error', 'warning'] as const)
                  .filter((severity) =>
                    drawing.entries.some((entry) => entry.severity === severity),
                  )
                  .map((severity) => ({
                    text: `flagged (${severity})`,
                    fillStyle: severityColors[severity],
                    strokeStyle: severityColors[severity],
                    lineWidth: 0,
                    hidden: false,
                  })),
              ]
            },
          },
        },
        tooltip: {
          callbacks: {
            label: (context: TooltipItem<ChartType>) => {
              if (context.dataset.label === 'Timeline entries') {
                const entry = drawing.entries[context.dataIndex]
                return entry ? [`${entry.time}: ${entry.text}`.slice(0, 120), ...entry.reasons] : ''
              }
              if (context.dataset.type === 'bar')
                return context.dataIndex === 1
                  ? `stated: ${drawing.stated?.text ?? ''}`
                  : `${drawing.origin} to ${drawing.end?.text ?? ''}: ${lengthLabel(end ?? 0)}`
              return `${context.dataset.label} after ${lengthLabel(xOf(context))}`
            },
          },
        },
      },
    },
    plugins: [bandPlugin(0, end)],
  }
}

/** Draw (or draw again) one incident; clicking an entry's mark calls `onEntry`. */
export function drawIncident(
  canvas: ChartItem,
  drawing: IncidentDrawing,
  onEntry: (entry: DrawnEntry) => void,
): Chart {
  Chart.getChart(canvas as Parameters<typeof Chart.getChart>[0])?.destroy()
  return new Chart(canvas, incidentChart(drawing, onEntry))
}
