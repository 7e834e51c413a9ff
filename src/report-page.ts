/**
 * The script of `stats --format html` (bundled with Chart.js into
 * `dist/report-page.js` by `scripts/bundle-cli.js` and inlined into every
 * report): the page calls `drawReport` with its data; `Chart` stays reachable
 * as in Chart.js's own browser build (`Chart.getChart('timeline')`).
 */
import {Chart, drawReport} from './charts.js'

Object.assign(globalThis, {Chart, drawReport})
