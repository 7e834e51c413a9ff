/**
 * How our CLI and language server combine the built-in preset with a user's
 * `.remarkrc*` / `remarkConfig`: the preset comes first, then the user's
 * plugins, so the user can add plugins and reconfigure or turn off our rules
 * but never drop them by having a config. Names of our rules and preset are
 * resolved to the very objects we run, so `[rule, false]` always matches.
 */
import type {Pluggable, Preset} from 'unified'
import preset, {presetTag, rules} from './index.js'

const presetNames = new Set([
  'remark-preset-lint-postmortem',
  'preset-lint-postmortem',
  'remark-preset-lint-postmortem/index.js',
])

function ownPlugin(name: string): unknown {
  if (presetNames.has(name)) return preset
  const id = name
    .replace(/^remark-preset-lint-postmortem\/(?:dist\/)?rules\//, '')
    .replace(/\.js$/, '')
    .replace(/^(?:remark-)?lint-/, '')
  return (rules as Record<string, unknown>)[id]
}

/**
 * Our preset or one of our rules imported by a JavaScript config: another
 * instance of the same code (the CLI is bundled; a project may install its own
 * copy), known by the preset's tag and the rule's plugin name.
 */
function ownObject(value: unknown): unknown {
  if (typeof value === 'function' && value.name.startsWith('remark-lint:postmortem-'))
    return (rules as Record<string, unknown>)[value.name.slice('remark-lint:'.length)]
  if (value && typeof value === 'object' && presetTag in value) return preset
  return undefined
}

function resolveEntry(entry: unknown): unknown {
  if (typeof entry === 'string') return ownPlugin(entry) ?? entry
  if (Array.isArray(entry)) {
    const own = typeof entry[0] === 'string' ? ownPlugin(entry[0]) : ownObject(entry[0])
    return own ? [own, ...entry.slice(1)] : entry
  }
  return ownObject(entry) ?? entry
}

interface ConfigShape {
  plugins?: unknown
  settings?: Record<string, unknown>
}

/** unified-engine `configTransform`: put our preset under the user's configuration. */
export function withPreset(config: unknown): Preset {
  const value = (config ?? {}) as ConfigShape
  let plugins: unknown[] = []
  if (Array.isArray(value.plugins)) plugins = value.plugins.map(resolveEntry)
  else if (value.plugins && typeof value.plugins === 'object') {
    plugins = Object.entries(value.plugins).map(([name, options]) => {
      const own = ownPlugin(name)
      return own ? [own, options] : [name, options]
    })
  }
  const result: Preset = {plugins: [preset, ...(plugins as Pluggable[])]}
  if (value.settings) result.settings = value.settings
  return result
}
