/**
 * The commands as installed (dist/bin): each starts its program in a second
 * Node process with a 64 MB young-generation semi-space, shares the standard
 * streams, passes signals on and exits as the program did; it runs the
 * program in its own process when the flag is already given or the input is
 * small. A throwaway program reports what it was started with.
 */
import {spawn, spawnSync} from 'node:child_process'
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterAll, describe, expect, it} from 'vitest'
import {isSmallInput} from '../src/launch.js'
import {root} from './helpers.js'

const workspace = mkdtempSync(path.join(tmpdir(), 'postmortem-launch-'))
afterAll(() => rmSync(workspace, {recursive: true, force: true}))

// The program prints how it was started, then exits with the code it is given,
// kills itself with a signal, or waits to be stopped.
writeFileSync(
  path.join(workspace, 'program.mjs'),
  `console.log(JSON.stringify({pid: process.pid, execArgv: process.execArgv, args: process.argv.slice(2)}))
const [what] = process.argv.slice(2)
if (what === 'signal') process.kill(process.pid, 'SIGTERM')
else if (what === 'wait') setInterval(() => {}, 1000)
else process.exitCode = Number(what)
`,
)
writeFileSync(
  path.join(workspace, 'launcher.mjs'),
  `import {launch} from ${JSON.stringify(pathToFileURL(path.join(root, 'dist', 'launch.js')).href)}
launch(new URL('./program.mjs', import.meta.url), {small: process.env.SMALL === '1'})
`,
)

function launchProgram(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(workspace, 'launcher.mjs'), ...args], {
    encoding: 'utf8',
    env: {...process.env, NODE_OPTIONS: '', ...env},
  })
  const started = JSON.parse(result.stdout.split('\n')[0] ?? '') as {
    pid: number
    execArgv: string[]
    args: string[]
  }
  return {result, started, inOwnProcess: started.pid === result.pid}
}

describe('launch', () => {
  it('starts the program in a second process with the flag, its arguments and its exit code', () => {
    const {result, started, inOwnProcess} = launchProgram(['3', '--report', 'json'])
    expect(inOwnProcess).toBe(false)
    expect(started.execArgv).toEqual(['--max-semi-space-size=64'])
    expect(started.args).toEqual(['3', '--report', 'json'])
    expect(result.status).toBe(3)
    expect(result.stderr).toBe('')
  })

  it('dies of the signal that ended the program', () => {
    const {result} = launchProgram(['signal'])
    expect(result.signal).toBe('SIGTERM')
  })

  it('passes a signal on to the program', async () => {
    const launcher = spawn(process.execPath, [path.join(workspace, 'launcher.mjs'), 'wait'], {
      env: {...process.env, NODE_OPTIONS: ''},
    })
    const started = await new Promise<{pid: number}>((resolve) =>
      launcher.stdout.once('data', (data: Buffer) => resolve(JSON.parse(String(data)))),
    )
    expect(started.pid).not.toBe(launcher.pid)
    const ended = new Promise<NodeJS.Signals | null>((resolve) =>
      launcher.once('exit', (_code, signal) => resolve(signal)),
    )
    launcher.kill('SIGTERM')
    expect(await ended).toBe('SIGTERM')
    expect(() => process.kill(started.pid, 0)).toThrow(/ESRCH/)
  })

  it('runs the program in its own process when the flag is given, under a debugger, or for small input', () => {
    const given = launchProgram(['0'], {NODE_OPTIONS: '--max-semi-space-size=32'})
    expect(given.inOwnProcess).toBe(true)
    expect(given.result.status).toBe(0)
    const debugged = launchProgram(['0'], {NODE_OPTIONS: '--inspect=127.0.0.1:0'})
    expect(debugged.inOwnProcess).toBe(true)
    const small = launchProgram(['0'], {SMALL: '1'})
    expect(small.inOwnProcess).toBe(true)
    expect(small.started.execArgv).toEqual([])
  })
})

describe('isSmallInput', () => {
  it('is true for named files under 1 MB in all, whatever the options', () => {
    const small = path.join(workspace, 'small.md')
    writeFileSync(small, '# Incident\n')
    expect(isSmallInput(['--report', 'json', small, small, 'missing.md'])).toBe(true)
    expect(isSmallInput([])).toBe(true)
  })

  it('is false for a folder, a glob or named files of 1 MB and more', () => {
    const folder = path.join(workspace, 'postmortems')
    mkdirSync(folder, {recursive: true})
    const big = path.join(workspace, 'big.md')
    writeFileSync(big, 'x'.repeat(600_000))
    expect(isSmallInput([folder])).toBe(false)
    expect(isSmallInput(['postmortems/*.md'])).toBe(false)
    expect(isSmallInput([big])).toBe(true)
    expect(isSmallInput([big, big])).toBe(false)
  })
})

describe('postmortem-lint (dist/bin)', () => {
  const bin = path.join(root, 'dist', 'bin', 'postmortem-lint.js')
  const direct = path.join(root, 'dist', 'cli.js')
  const run = (script: string, args: string[]) => {
    const result = spawnSync(process.execPath, [script, ...args], {
      cwd: root,
      encoding: 'utf8',
      env: {...process.env, NODE_OPTIONS: ''},
    })
    return {status: result.status, stdout: result.stdout, stderr: result.stderr}
  }

  it('reports exactly as the CLI for a folder (second process) and for named files (this one)', () => {
    for (const args of [
      ['--report', 'json', 'fixtures'],
      ['--no-color', 'fixtures/atx-headings.broken.md', 'fixtures/atx-headings.clean.md'],
    ]) {
      const viaBin = run(bin, args)
      expect(viaBin).toEqual(run(direct, args))
      expect(viaBin.status).toBe(1)
      expect(viaBin.stderr).toContain('postmortem-required-sections')
    }
  })
})
