/**
 * The pre-commit framework, for real: a throwaway git repository whose
 * .pre-commit-config.yaml points at this repository's HEAD. A broken
 * postmortem is refused with the linter's message, a fixed one accepted, and a
 * file listed in .remarkignore passes. Skipped, with a note, where the
 * `pre-commit` tool is not installed (.ci/run installs Debian's package).
 */
import {execFileSync, spawnSync} from 'node:child_process'
import {copyFileSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {afterAll, describe, expect, it} from 'vitest'
import {root} from './helpers.js'

const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0
const isGitCheckout = spawnSync('git', ['rev-parse', 'HEAD'], {cwd: root}).status === 0
if (!hasPreCommit)
  console.warn(
    'pre-commit test skipped: the `pre-commit` tool is not installed (apt-get install pre-commit)',
  )

describe.skipIf(!hasPreCommit || !isGitCheckout)('pre-commit hook', () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'postmortem-pre-commit-'))
  const env = {
    ...process.env,
    PRE_COMMIT_HOME: path.join(directory, '.cache'),
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@example.com',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@example.com',
  }
  const repo = path.join(directory, 'repo')
  const git = (...args: string[]) => spawnSync('git', args, {cwd: repo, env, encoding: 'utf8'})
  afterAll(() => rmSync(directory, {recursive: true, force: true}))

  it('refuses a broken postmortem, accepts a fixed one, and skips ignored files', {
    timeout: 300_000,
  }, () => {
    const rev = execFileSync('git', ['rev-parse', 'HEAD'], {cwd: root, encoding: 'utf8'}).trim()
    execFileSync('git', ['init', '-q', repo])
    writeFileSync(
      path.join(repo, '.pre-commit-config.yaml'),
      `repos:\n  - repo: ${root}\n    rev: ${rev}\n    hooks:\n      - id: postmortem-lint\n`,
    )
    execFileSync('pre-commit', ['install'], {cwd: repo, env})

    copyFileSync(
      path.join(root, 'fixtures', 'atx-headings.broken.md'),
      path.join(repo, 'incident.md'),
    )
    git('add', '-A')
    const refused = git('commit', '-m', 'broken postmortem')
    expect(refused.status).not.toBe(0)
    expect(refused.stdout + refused.stderr).toContain(
      'Unexpected impossible time `25:10`, expected an hour from 0 to 23',
    )
    expect(git('rev-parse', '--verify', '-q', 'HEAD').status).not.toBe(0)

    copyFileSync(
      path.join(root, 'fixtures', 'atx-headings.clean.md'),
      path.join(repo, 'incident.md'),
    )
    git('add', '-A')
    const accepted = git('commit', '-m', 'fixed postmortem')
    expect(accepted.stdout + accepted.stderr).toContain('postmortem-lint')
    expect(accepted.status).toBe(0)

    copyFileSync(path.join(root, 'fixtures', 'plain-labels.broken.md'), path.join(repo, 'draft.md'))
    writeFileSync(path.join(repo, '.remarkignore'), 'draft.md\n')
    git('add', '-A')
    expect(git('commit', '-m', 'ignored draft').status).toBe(0)
  })
})
