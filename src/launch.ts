/**
 * Start one of our programs (the CLI, the language server) in a Node process
 * with a larger young generation: `--max-semi-space-size=64` (MB) against
 * V8's 16. Parsing Markdown makes short-lived objects by the hundred megabytes
 * (a 200 KB postmortem: 309 MB), and with the default the scavenger ran 380
 * times over the bench corpus, about a sixth of the CLI's wall time; with
 * 64 MB it runs about 100 times, and the CLI and the editor are 5–10% faster
 * (docs/performance.md). V8 sizes the heap when the process starts and
 * ignores the flag when it is set later, hence a second process: about 70 ms.
 *
 * The program shares our standard streams, so a terminal stays a terminal and
 * an editor's pipes reach the language server unchanged. Signals are passed
 * on, and we exit as the program did. When the flag is already given (on the
 * command line or in NODE_OPTIONS), when the caller knows the work is
 * `small`, under a debugger (`--inspect`: a second process would fight over
 * its port), or when no process can be started, the program runs in this
 * process instead.
 */
import {spawn} from 'node:child_process'
import {statSync} from 'node:fs'
import {constants} from 'node:os'
import process from 'node:process'
import {fileURLToPath} from 'node:url'

const flag = '--max-semi-space-size'
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

export function launch(program: URL, {small = false} = {}): void {
  const options = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]
  if (
    small ||
    options.some((option) => option.startsWith(flag) || option.startsWith('--inspect'))
  ) {
    void import(program.href)
    return
  }
  const child = spawn(
    process.execPath,
    [...process.execArgv, `${flag}=64`, fileURLToPath(program), ...process.argv.slice(2)],
    {stdio: 'inherit'},
  )
  const pass = (signal: NodeJS.Signals) => child.kill(signal)
  for (const signal of forwarded) process.on(signal, pass)
  child.on('error', () => {
    for (const signal of forwarded) process.off(signal, pass)
    void import(program.href)
  })
  child.on('exit', (code, signal) => {
    for (const name of forwarded) process.off(name, pass)
    // Die of the same signal, so that a shell or an editor sees what happened.
    if (signal) {
      process.kill(process.pid, signal)
      process.exit(128 + (constants.signals[signal] ?? 0))
    }
    process.exit(code ?? 1)
  })
}

/**
 * A few named files (what a pre-commit hook passes) are linted in this
 * process: a second one would cost more (about 70 ms) than its larger young
 * generation saves. Folders and globs may hold any number of files.
 */
export function isSmallInput(args: string[]): boolean {
  let bytes = 0
  for (const arg of args) {
    // An option's value that names no file (`--report json`) counts as nothing.
    if (arg.startsWith('-')) continue
    if (/[*?[\]{}]/.test(arg)) return false
    const size = sizeOf(arg)
    if (size === undefined) return false
    bytes += size
  }
  return bytes < 1_000_000
}

/** A file's size; 0 when it cannot be read (the CLI reports it); undefined for a folder. */
function sizeOf(path: string): number | undefined {
  try {
    const stats = statSync(path, {throwIfNoEntry: false})
    return stats?.isDirectory() ? undefined : (stats?.size ?? 0)
  } catch {
    return 0
  }
}
