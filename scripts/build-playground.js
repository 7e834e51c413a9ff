#!/usr/bin/env node
/**
 * Build the playground (run by `npm run build`): `dist/playground/index.html`,
 * one self-contained page. The linter is bundled for the browser into the
 * worker's script (src/playground/worker.ts), the page's own script
 * (src/playground/main.ts, with Chart.js and src/charts.ts, shared with
 * `stats --format html`) beside it, and the example to start from
 * (fixtures/atx-headings.broken.md) in the text area: nothing is fetched, so
 * it works from `file:` and from any static host.
 */
import {mkdirSync, readFileSync, statSync, writeFileSync} from 'node:fs'
import {build} from 'esbuild'

const example = 'fixtures/atx-headings.broken.md'
const output = 'dist/playground/index.html'
/** The budget for the page. */
const budget = 2 * 1024 * 1024

/** One entry bundled for the browser, as text to inline. */
async function bundle(entry, conditions = []) {
  const result = await build({
    entryPoints: [entry],
    conditions,
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    // The code checks no environment; `process.env.NODE_ENV` in dependencies is read as production.
    define: {'process.env.NODE_ENV': '"production"'},
    // Licences of the bundled packages, gathered at the end of each script.
    legalComments: 'eof',
    logLevel: 'warning',
  })
  const text = result.outputFiles[0].text
  // Both scripts sit inside <script> elements, which `</script` ends (esbuild escapes it in
  // strings) and `<!--` then `<script` would keep open; check neither is there.
  if (/<\/?script/i.test(text)) throw new Error(`${entry}: the bundle cannot be inlined`)
  return text
}

const escapeHtml = (text) =>
  text.replace(/[&<>]/g, (char) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;'})[char])

const [worker, main] = await Promise.all([
  // A worker has no `document`: packages' builds for workers (decode-named-character-reference's
  // browser build decodes entities through the DOM).
  bundle('src/playground/worker.ts', ['worker']),
  bundle('src/playground/main.ts'),
])
const parts = {
  '%%EXAMPLE%%': escapeHtml(readFileSync(example, 'utf8')),
  '%%WORKER%%': worker,
  '/*%%MAIN%%*/': main,
}
// A function replacement: the scripts' `$&` and `$'` are code, not patterns.
const page = readFileSync('src/playground/index.html', 'utf8').replace(
  /%%(?:EXAMPLE|WORKER)%%|\/\*%%MAIN%%\*\//g,
  (token) => parts[token],
)
mkdirSync('dist/playground', {recursive: true})
writeFileSync(output, page)
const size = statSync(output).size
if (size > budget)
  throw new Error(`${output} weighs ${(size / 1024 / 1024).toFixed(2)} MB, over its 2 MB budget`)
