/**
 * The four configurations every side-by-side part of the bench compares, as
 * functions that lint a list of texts in this process: bare remark parsing
 * (the floor under any remark linter), remark-lint with
 * remark-preset-lint-recommended, our preset, and markdownlint with its
 * default rules.
 */
import {lint as markdownlint} from 'markdownlint/sync'
import {remark} from 'remark'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkPresetLintRecommended from 'remark-preset-lint-recommended'
import {VFile} from 'vfile'
import postmortemPreset from '../dist/index.js'

const syntax = [[remarkFrontmatter, ['yaml', 'toml']], remarkGfm]
export const processors = {
  'bare remark parse': remark().use(syntax).freeze(),
  'remark-preset-lint-recommended': remark().use(syntax).use(remarkPresetLintRecommended).freeze(),
  'our preset': remark().use(postmortemPreset).freeze(),
}

/** One function per configuration that lints every text once. */
export function runnersFor(texts) {
  const runners = Object.fromEntries(
    Object.entries(processors).map(([name, processor]) => [
      name,
      () => {
        for (const text of texts) {
          const file = new VFile(text)
          processor.runSync(processor.parse(file), file)
        }
      },
    ]),
  )
  runners['markdownlint (default rules)'] = () => {
    for (const text of texts) markdownlint({strings: {doc: text}})
  }
  return runners
}
