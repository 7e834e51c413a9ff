#!/usr/bin/env node
// Runs postmortem-lint on the bundled examples in fixtures/ and shows its report.
// Passes when every *.clean.md is clean and every *.broken.md gets messages.
import {spawnSync} from 'node:child_process'
import {readdirSync} from 'node:fs'
import process from 'node:process'

const files = readdirSync('fixtures').filter((name) => name.endsWith('.md'))
const clean = files.filter((name) => name.includes('.clean.')).map((name) => `fixtures/${name}`)
const broken = files.filter((name) => name.includes('.broken.')).map((name) => `fixtures/${name}`)
const run = (paths) =>
  spawnSync(process.execPath, ['dist/bin/postmortem-lint.js', ...paths], {stdio: 'inherit'}).status

console.log('postmortem-lint on the clean examples (expect no messages):')
const cleanStatus = run(clean)
console.log('\npostmortem-lint on the broken examples (expect messages and exit code 1):')
const brokenStatus = run(broken)
const ok = cleanStatus === 0 && brokenStatus === 1
console.log(
  ok
    ? '\nExamples behave as documented.'
    : `\nUnexpected exit codes: clean ${cleanStatus}, broken ${brokenStatus}`,
)
process.exit(ok ? 0 : 1)
