#!/usr/bin/env node
/**
 * The bench's reference for editor latency: the same language server as
 * ours (unified-language-server, unified-engine, LSP over stdio) with a bare
 * processor, remark-parse + frontmatter + gfm and no rules. The difference
 * between the two is what our preset adds to a keystroke.
 */
import {remark} from 'remark'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import {createUnifiedLanguageServer} from 'unified-language-server'

createUnifiedLanguageServer({
  ignoreName: '.remarkignore',
  packageField: 'remarkConfig',
  pluginPrefix: 'remark',
  rcName: '.remarkrc',
  // Not installed anywhere: the default processor below is always used, as in our server.
  processorName: 'remark-bench-bare-processor',
  defaultProcessor: remark().use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm),
})
