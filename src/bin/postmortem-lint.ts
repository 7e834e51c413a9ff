#!/usr/bin/env node
/** The `postmortem-lint` command: the CLI (../cli.ts) in a process tuned for parsing. */
import process from 'node:process'
import {isSmallInput, launch} from '../launch.js'

launch(new URL('../cli.js', import.meta.url), {small: isSmallInput(process.argv.slice(2))})
