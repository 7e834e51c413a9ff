#!/usr/bin/env node
/**
 * postmortem-language-server: unified-language-server with the postmortem
 * preset built into its processor, reading the standard `.remarkrc*`,
 * `remarkConfig` and `.remarkignore`. Any LSP editor can run it with `--stdio`.
 * Quick fixes come from each message's `expected`. Each change is parsed
 * incrementally (src/incremental-parse.ts).
 */
import process from 'node:process'
import {PassThrough} from 'node:stream'
import {createUnifiedLanguageServer} from 'unified-language-server'
import incrementalParse from './incremental-parse.js'
import {postmortemProcessor} from './index.js'

process.title = 'postmortem-language-server'

// unified-language-server gives unified-engine PassThrough streams for its
// report and never reads them; a report over 16 KB (a few hundred messages)
// then waits for a drain that never comes and the server stops answering.
// In this process nothing else writes to an unread PassThrough, so let such
// streams flow and drop what is written.
const write = PassThrough.prototype.write
PassThrough.prototype.write = function (
  this: PassThrough,
  ...args: Parameters<PassThrough['write']>
) {
  if (this.readableFlowing === null && this.listenerCount('data') === 0) this.resume()
  return write.apply(this, args)
} as PassThrough['write']

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
  // On each change, parse again only the sections and list items that changed.
  plugins: [incrementalParse],
})
