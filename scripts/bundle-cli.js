#!/usr/bin/env node
/**
 * Bundle the compiled CLI into one file (run by `npm run build` after tsc).
 * Unbundled, every run resolved and linked some 200 modules before reading a
 * file: 0.32 s against 0.15 s bundled, paid by a pre-commit hook on every
 * commit. Dependencies still resolve at run time from the package's folder
 * (a project's own remark plugins from its cwd).
 *
 * Also bundles the script `stats --format html` inlines into its page
 * (`dist/report-page.js`: src/charts.ts, shared with the playground, and
 * Chart.js), so the report needs nothing at run time but that file.
 */
import {readFileSync, rmSync} from 'node:fs'
import {build} from 'esbuild'

await build({
  entryPoints: ['dist/cli.js'],
  outfile: 'dist/cli.js',
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // CommonJS dependencies call require(); an ES module bundle has none of its own.
  banner: {
    js: "import {createRequire as createBundleRequire} from 'node:module'; const require = createBundleRequire(import.meta.url);",
  },
  logLevel: 'warning',
})
// tsc's map describes the unbundled file; a map of the bundle would weigh 5 MB in the package.
rmSync('dist/cli.js.map', {force: true})

await build({
  entryPoints: ['dist/report-page.js'],
  outfile: 'dist/report-page.js',
  allowOverwrite: true,
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  minify: true,
  logLevel: 'warning',
})
rmSync('dist/report-page.js.map', {force: true})
// The report inlines the script in a <script> element: esbuild escapes `</script` in strings; check it.
if (/<\/script/i.test(readFileSync('dist/report-page.js', 'utf8')))
  throw new Error('dist/report-page.js contains `</script`; it cannot be inlined')
