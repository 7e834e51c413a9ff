#!/usr/bin/env node
/**
 * postmortem-language-server: unified-language-server with the postmortem
 * preset built into its processor, reading the standard `.remarkrc*`,
 * `remarkConfig` and `.remarkignore`. Any LSP editor can run it with `--stdio`.
 * Quick fixes come from each message's `expected`.
 */
import process from 'node:process'
import {createUnifiedLanguageServer} from 'unified-language-server'
import {postmortemProcessor} from './index.js'

process.title = 'postmortem-language-server'

createUnifiedLanguageServer({
  configurationSection: 'postmortem',
  ignoreName: '.remarkignore',
  packageField: 'remarkConfig',
  pluginPrefix: 'remark',
  rcName: '.remarkrc',
  // A workspace that installed this package gets its own copy; any other gets ours.
  processorName: 'remark-preset-lint-postmortem',
  processorSpecifier: 'postmortemProcessor',
  defaultProcessor: postmortemProcessor,
})
