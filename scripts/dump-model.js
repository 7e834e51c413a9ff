#!/usr/bin/env node
// Prints the incident model of each Markdown file given: a debugging aid for teaching the model new shapes.
import {readFileSync} from 'node:fs'
import {remark} from 'remark'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import {VFile} from 'vfile'
import {readIncident} from '../dist/model/index.js'

const iso = (ms) => (ms === undefined ? undefined : new Date(ms).toISOString())
for (const path of process.argv.slice(2)) {
  const file = new VFile({path, value: readFileSync(path, 'utf8')})
  const processor = remark().use(remarkFrontmatter, ['yaml', 'toml']).use(remarkGfm)
  const tree = processor.runSync(processor.parse(file), file)
  const model = readIncident(tree, file)
  console.log(`# ${path}`)
  for (const label of model.labels.filter((l) => l.kinds.length))
    console.log(
      `  label L${model.lines[label.line]?.text.fileOffset(0)} r${label.rank} [${label.kinds}] ${JSON.stringify(label.text.value)} lines ${label.line}-${label.end}${label.value ? ` = ${JSON.stringify(label.value.value.slice(0, 60))}` : ''}`,
    )
  const d = model.duration
  if (d)
    console.log(
      `  duration start ${iso(d.start?.epochMs)} end ${iso(d.end?.epochMs)} stated ${d.stated?.ms} crosses ${d.crossesMidnight}`,
    )
  console.log(`  zone ${model.declaredZone} ref ${JSON.stringify(model.referenceDate)}`)
  for (const impact of model.impact)
    console.log(
      `  impact${impact.fromSummary ? ' (summary)' : ''}: ${JSON.stringify(impact.shares.flatMap((s) => [...s.percentages.map((p) => p.text), ...s.shareWords.map((w) => w.text)]))}`,
    )
  for (const entry of model.timeline?.entries ?? [])
    console.log(
      `  entry ${iso(entry.timestamp?.epochMs) ?? (entry.timestamp ? `date ${JSON.stringify(entry.timestamp.date)}` : '-')} ${JSON.stringify(entry.timestamp?.text.value)} [${entry.phases}] ${entry.problems.map((p) => `${p.text.value}:${p.reason}`)} ${JSON.stringify(entry.text.value.slice(0, 50))}`,
    )
}
