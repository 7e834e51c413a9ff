#!/usr/bin/env node
/**
 * postmortem-language-server: unified-language-server with the postmortem
 * preset built into its processor, reading the standard `.remarkrc*`,
 * `remarkConfig` and `.remarkignore`. Any LSP editor can run it with `--stdio`.
 * Quick fixes come from each message's `expected`; related places become
 * `relatedInformation` (src/diagnostics.ts). Each change is parsed
 * incrementally (src/incremental-parse.ts).
 */
import {createRequire} from 'node:module'
import process from 'node:process'
import {PassThrough} from 'node:stream'
import type {Connection} from 'vscode-languageserver'
import {relatedPlacesStore} from './diagnostics.js'
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

// unified-language-server turns messages into diagnostics itself and keeps
// only what it knows of them (not related places). Its connection comes from
// its own copy of vscode-languageserver: wrap `createConnection` there, before
// unified-language-server is loaded and takes the function, so that the
// connection's diagnostics get the related places of their messages.
const related = relatedPlacesStore()
const requireFromServer = createRequire(
  createRequire(import.meta.url).resolve('unified-language-server'),
)
const languageServer = requireFromServer('vscode-languageserver/node.js') as {
  createConnection: (...args: unknown[]) => Connection
}
const createConnection = languageServer.createConnection
languageServer.createConnection = (...args) => related.attach(createConnection(...args))
const {createUnifiedLanguageServer} = await import('unified-language-server')

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
  // Then keep each file's messages for the diagnostics' related places.
  plugins: [incrementalParse, related.remember],
})
