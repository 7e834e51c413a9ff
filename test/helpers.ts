/** Shared test helpers: lint Markdown with the preset and print messages as `line:col-line:col rule: reason`. */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {fileURLToPath} from 'node:url'
import {remark} from 'remark'
import type {Preset} from 'unified'
import {VFile} from 'vfile'
import preset from '../src/index.js'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const sharedDir = path.resolve(root, '..', 'shared')
export const seedsDir = path.join(sharedDir, 'seeds')
export const hasSeeds = existsSync(seedsDir)

export function seedFiles(): string[] {
  return hasSeeds
    ? readdirSync(seedsDir)
        .filter((name) => name.endsWith('.md'))
        .sort()
    : []
}

export function fixture(name: string): string {
  return readFileSync(path.join(root, 'fixtures', name), 'utf8')
}

export async function lintFile(
  value: string,
  config: Preset = preset,
  filePath = 'postmortem.md',
): Promise<VFile> {
  const file = new VFile({path: filePath, value})
  // Parse and lint only: a linter never serialises the document back.
  const processor = remark().use(config)
  await processor.run(processor.parse(file), file)
  return file
}

/** Every message as `line:col-line:col rule-id: reason`, in report order. */
export async function lint(value: string, config: Preset = preset): Promise<string[]> {
  const file = await lintFile(value, config)
  return file.messages.map((message) => {
    const place = message.place
    const start = place && 'start' in place ? place.start : place
    const end = place && 'end' in place ? place.end : undefined
    const where = start
      ? `${start.line}:${start.column}${end ? `-${end.line}:${end.column}` : ''}`
      : 'no-place'
    return `${where} ${message.ruleId}: ${message.reason}`
  })
}
