/**
 * The language server over stdio, driven with vscode-languageserver's protocol
 * connection as unified-language-server's own tests do: open a broken
 * postmortem, get its diagnostics, apply the quick fix, get an empty list.
 * Then the same through a server configured as remark-language-server
 * configures unified-language-server, with a `.remarkrc` naming our preset.
 */
import {type ChildProcess, spawn} from 'node:child_process'
import {mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import path from 'node:path'
import {pathToFileURL} from 'node:url'
import {afterAll, afterEach, describe, expect, it} from 'vitest'
import {
  CodeActionRequest,
  createProtocolConnection,
  type Diagnostic,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  InitializedNotification,
  InitializeRequest,
  type ProtocolConnection,
  PublishDiagnosticsNotification,
  type PublishDiagnosticsParams,
  type TextEdit,
} from 'vscode-languageserver/node.js'
import {withRelatedPlaces} from '../src/diagnostics.js'
import preset, {postmortemProcessor} from '../src/index.js'
import {lintFile, root} from './helpers.js'

const workspace = mkdtempSync(path.join(tmpdir(), 'postmortem-lsp-'))
afterAll(() => rmSync(workspace, {recursive: true, force: true}))

let server: ChildProcess | undefined
let connection: ProtocolConnection | undefined
afterEach(() => {
  connection?.dispose()
  server?.kill()
})

async function start(script: string[], cwd: string, capabilities: object = {}) {
  server = spawn(process.execPath, [...script, '--stdio'], {cwd})
  if (!server.stdout || !server.stdin) throw new Error('no stdio')
  connection = createProtocolConnection(server.stdout, server.stdin)
  const diagnostics: PublishDiagnosticsParams[] = []
  const waiters: (() => void)[] = []
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    diagnostics.push(params)
    for (const waiter of waiters.splice(0)) waiter()
  })
  connection.listen()
  await connection.sendRequest(InitializeRequest.type, {
    processId: null,
    rootUri: pathToFileURL(cwd).href,
    capabilities,
    workspaceFolders: [{uri: pathToFileURL(cwd).href, name: 'workspace'}],
  })
  await connection.sendNotification(InitializedNotification.type, {})
  const next = async () => {
    const count = diagnostics.length
    while (diagnostics.length === count) await new Promise<void>((resolve) => waiters.push(resolve))
    return diagnostics.at(-1) as PublishDiagnosticsParams
  }
  /** Open a document and wait for its diagnostics. */
  const open = async (uri: string, text: string) => {
    const opened = next()
    await connection?.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: {uri, languageId: 'markdown', version: 1, text},
    })
    return opened
  }
  return {connection, next, open}
}

// A clean postmortem whose 09:14 entry names the unknown zone `GWT` (meant: GMT).
const brokenText = readFileSync(
  path.join(root, 'fixtures', 'atx-headings.clean.md'),
  'utf8',
).replace('09:14 UTC', '09:14 GWT')

function summary(diagnostics: Diagnostic[]) {
  return diagnostics.map((diagnostic) => [
    diagnostic.code,
    diagnostic.range.start.line,
    diagnostic.range.start.character,
    diagnostic.range.end.character,
    diagnostic.severity,
  ])
}

/** Each diagnostic as rule id, line and character (LSP counts from 0). */
function places(diagnostics: Diagnostic[]) {
  return diagnostics.map((diagnostic) => [
    diagnostic.code,
    diagnostic.range.start.line,
    diagnostic.range.start.character,
  ])
}

/** The same for the preset run in this process on a full parse. */
async function placesInProcess(text: string) {
  const file = await lintFile(text, preset, 'edited.md')
  return file.messages.map((message) => [
    message.ruleId,
    (message.line ?? 1) - 1,
    (message.column ?? 1) - 1,
  ])
}

describe('postmortem-language-server', () => {
  it('parses with each syntax extension once in every engine run', () => {
    // unified-engine calls the processor for a fresh copy per run; a copy of a
    // frozen processor registered remark-gfm and frontmatter a second time.
    for (let run = 0; run < 3; run++) {
      const copy = postmortemProcessor().freeze()
      expect(copy.data('micromarkExtensions')).toHaveLength(2)
      expect(copy.data('fromMarkdownExtensions')).toHaveLength(2)
    }
  })

  it('publishes diagnostics, offers the quick fix, and clears them after the edit', {
    timeout: 30_000,
  }, async () => {
    const uri = pathToFileURL(path.join(workspace, 'incident.md')).href
    // The command as installed: it starts the server in a second process sharing our pipes.
    const {connection, next, open} = await start(
      [path.join(root, 'dist', 'bin', 'postmortem-language-server.js')],
      workspace,
    )
    const first = await open(uri, brokenText)
    expect(summary(first.diagnostics)).toEqual([['postmortem-timeline-timestamps', 13, 10, 13, 1]])
    // The reason, then the note on the lines after it.
    expect(first.diagnostics[0]?.message).toBe(
      [
        'Unexpected unknown zone `GWT`, expected a known zone such as `GMT` or `GST`',
        '`GWT` in `09:14 GWT` is no zone this linter knows; the known zones one letter away: `GMT`, `GST`.',
        'Write a known abbreviation (`UTC`, `CET`, `WAT`), an offset (`UTC+1`) or a zone in words (`West African Time`), or map it in the `timezones` option.',
      ].join('\n'),
    )
    expect(first.diagnostics[0]?.relatedInformation).toBeUndefined()

    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: {uri},
      range: first.diagnostics[0]?.range ?? {
        start: {line: 0, character: 0},
        end: {line: 0, character: 0},
      },
      context: {diagnostics: first.diagnostics},
    })) as {title: string; edit?: {changes?: Record<string, TextEdit[]>}}[]
    const fix = actions.find((action) => action.title.includes('GMT'))
    const edit = fix?.edit?.changes?.[uri]?.[0]
    expect(edit).toEqual({
      range: {start: {line: 13, character: 10}, end: {line: 13, character: 13}},
      newText: 'GMT',
    })

    const lines = brokenText.split('\n')
    const line = lines[13] ?? ''
    lines[13] = line.slice(0, 10) + (edit?.newText ?? '') + line.slice(13)
    const cleared = next()
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: {uri, version: 2},
      contentChanges: [{text: lines.join('\n')}],
    })
    expect((await cleared).diagnostics).toEqual([])
  })

  it('offers a missing section as an insertion where it belongs', {timeout: 30_000}, async () => {
    const uri = pathToFileURL(path.join(workspace, 'fields.md')).href
    const text = readFileSync(path.join(root, 'fixtures', 'start-end-fields.broken.md'), 'utf8')
    const {connection, open} = await start(
      [path.join(root, 'dist', 'language-server.js')],
      workspace,
    )
    const {diagnostics} = await open(uri, text)
    const missing = diagnostics.filter(
      (diagnostic) => diagnostic.code === 'postmortem-required-sections',
    )
    expect(summary(missing)).toEqual([['postmortem-required-sections', 21, 0, 0, 1]])
    const actions = (await connection.sendRequest(CodeActionRequest.type, {
      textDocument: {uri},
      range: missing[0]?.range ?? {start: {line: 0, character: 0}, end: {line: 0, character: 0}},
      context: {diagnostics: missing},
    })) as {title: string; isPreferred?: boolean; edit?: {changes?: Record<string, TextEdit[]>}}[]
    expect(actions.map((action) => [action.title, action.isPreferred])).toEqual([
      ['Insert `**Resolution:**\n\nTODO\n\n`', true],
    ])
    expect(actions[0]?.edit?.changes?.[uri]).toEqual([
      {
        range: {start: {line: 21, character: 0}, end: {line: 21, character: 0}},
        newText: '**Resolution:**\n\nTODO\n\n',
      },
    ])
  })

  it('gives the related places of a message as related information, to clients that support it', {
    timeout: 30_000,
  }, async () => {
    const uri = pathToFileURL(path.join(workspace, 'window.md')).href
    const text = readFileSync(
      path.join(root, 'fixtures', 'kinds', 'entries-outside-the-window.md'),
      'utf8',
    )
    const related = await start([path.join(root, 'dist', 'language-server.js')], workspace, {
      textDocument: {publishDiagnostics: {relatedInformation: true}},
    })
    const {diagnostics} = await related.open(uri, text)
    const before = diagnostics.find((diagnostic) => diagnostic.message.startsWith('3 entries'))
    expect(before?.range).toEqual({start: {line: 10, character: 2}, end: {line: 10, character: 11}})
    // The stated start, then each other entry before it: an editor marks every one.
    expect(before?.relatedInformation).toEqual([
      {
        location: {uri, range: {start: {line: 4, character: 10}, end: {line: 4, character: 29}}},
        message: 'The stated start',
      },
      {
        location: {uri, range: {start: {line: 11, character: 2}, end: {line: 11, character: 11}}},
        message: 'Also before the stated start: `10:35 UTC`',
      },
      {
        location: {uri, range: {start: {line: 12, character: 2}, end: {line: 12, character: 11}}},
        message: 'Also before the stated start: `10:50 UTC`',
      },
    ])
    // Reason and note, without the blank line unified-language-server leaves for a cause that is a place.
    expect(before?.message).toBe(
      [
        '3 entries, `10:20 UTC` to `10:50 UTC`, are before the stated start `June 3, 2024, 11:00`; move the start or the entries',
        'The stated start is `June 3, 2024, 11:00` (5:11); these entries are before it:',
        '`10:20 UTC` (11:3), `10:35 UTC` (12:3), `10:50 UTC` (13:3)',
        'An entry that only records a change (a deploy, a config push) may come before the start.',
      ].join('\n'),
    )
    connection?.dispose()
    server?.kill()
    // A client that does not say it supports related information gets the same text, without it.
    const plain = await start([path.join(root, 'dist', 'language-server.js')], workspace)
    const without = (await plain.open(uri, text)).diagnostics.find((diagnostic) =>
      diagnostic.message.startsWith('3 entries'),
    )
    expect(without?.message).toBe(before?.message)
    expect(without?.relatedInformation).toBeUndefined()
  })

  it('leaves diagnostics that were not made from the messages at hand as they are', async () => {
    const file = await lintFile(
      readFileSync(path.join(root, 'fixtures', 'kinds', 'entries-outside-the-window.md'), 'utf8'),
    )
    const diagnostic = (message: string, code: string): Diagnostic => ({
      range: {start: {line: 10, character: 2}, end: {line: 10, character: 11}},
      message,
      code,
    })
    const [before, after] = file.messages
    const params = {
      uri: 'file:///window.md',
      diagnostics: [
        diagnostic(`${before?.reason}\n`, 'postmortem-duration-consistency'),
        diagnostic(after?.reason ?? '', 'postmortem-duration-consistency'),
      ],
    }
    const mapped = withRelatedPlaces(params, file.messages, true)
    expect(mapped.diagnostics[0]?.relatedInformation).toHaveLength(3)
    expect(mapped.diagnostics[0]?.message).toBe(`${before?.reason}\n${before?.note}`)
    // Another document's messages (or an older check's): nothing is taken from them.
    expect(withRelatedPlaces(params, file.messages.slice(1), true)).toBe(params)
    const other = {
      ...params,
      diagnostics: [params.diagnostics[1], params.diagnostics[0]] as Diagnostic[],
    }
    expect(withRelatedPlaces(other, file.messages, true)).toBe(other)
  })

  it('answers with hundreds of diagnostics (a report over 16 KB)', {timeout: 30_000}, async () => {
    const uri = pathToFileURL(path.join(workspace, 'long.md')).href
    const entries = Array.from(
      {length: 300},
      (_, index) => `- ${index % 2 ? '09:00' : '10:00'} UTC: step ${index}`,
    ).join('\n')
    const {open} = await start([path.join(root, 'dist', 'language-server.js')], workspace)
    const {diagnostics} = await open(uri, `# Long\n\n## Timeline\n\n${entries}\n`)
    expect(
      diagnostics.filter((diagnostic) => diagnostic.code === 'postmortem-timeline-order'),
    ).toHaveLength(150)
  })

  it('answers an edit in the middle of a long postmortem as a full parse would', {
    timeout: 30_000,
  }, async () => {
    const uri = pathToFileURL(path.join(workspace, 'edited.md')).href
    const entries = Array.from(
      {length: 400},
      (_, index) =>
        `- ${String(8 + Math.floor(index / 60)).padStart(2, '0')}:${String(index % 60).padStart(2, '0')} UTC: step ${index}`,
    )
    const text = `# Long\n\n## Timeline\n\n${entries.join('\n')}\n`
    const {connection, next, open} = await start(
      [path.join(root, 'dist', 'language-server.js')],
      workspace,
    )
    const before = places((await open(uri, text)).diagnostics)
    expect(before).toEqual(await placesInProcess(text))
    // Entry 200 goes back in time, and an entry at an hour that does not exist lands in the middle.
    const edited = text
      .replace('- 11:20 UTC: step 200', '- 07:20 UTC: step 200')
      .replace('- 09:10 UTC: step 70', '- 09:10 UTC: step 70\n- 25:10 UTC: step 70b')
    const changed = next()
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: {uri, version: 2},
      contentChanges: [{text: edited}],
    })
    const after = places((await changed).diagnostics)
    expect(after).toEqual(await placesInProcess(edited))
    const timeline = (list: unknown[][]) =>
      list.filter((place) => String(place[0]).startsWith('postmortem-timeline'))
    expect(
      timeline(after).filter(
        (place) => !timeline(before).some((old) => old.join() === place.join()),
      ),
    ).toEqual([
      ['postmortem-timeline-timestamps', 75, 2],
      ['postmortem-timeline-order', 205, 2],
    ])
  })

  it('works as remark-language-server configures unified-language-server, with a .remarkrc naming the preset', {
    timeout: 30_000,
  }, async () => {
    const project = path.join(workspace, 'remark-project')
    mkdirSync(path.join(project, 'node_modules'), {recursive: true})
    symlinkSync(root, path.join(project, 'node_modules', 'remark-preset-lint-postmortem'))
    symlinkSync(
      path.join(root, 'node_modules', 'remark'),
      path.join(project, 'node_modules', 'remark'),
    )
    writeFileSync(
      path.join(project, 'package.json'),
      '{"name": "team-postmortems", "private": true, "type": "module"}\n',
    )
    writeFileSync(
      path.join(project, '.remarkrc.json'),
      '{"plugins": ["remark-preset-lint-postmortem"]}\n',
    )
    // remark-language-server's own configuration of unified-language-server.
    writeFileSync(
      path.join(project, 'remark-language-server.js'),
      `import {remark} from 'remark'\nimport {createUnifiedLanguageServer} from '${pathToFileURL(path.join(root, 'node_modules', 'unified-language-server', 'index.js')).href}'\ncreateUnifiedLanguageServer({configurationSection: 'remark', defaultProcessor: remark, ignoreName: '.remarkignore', packageField: 'remarkConfig', pluginPrefix: 'remark', processorName: 'remark', processorSpecifier: 'remark', rcName: '.remarkrc'})\n`,
    )
    const uri = pathToFileURL(path.join(project, 'incident.md')).href
    const {open} = await start([path.join(project, 'remark-language-server.js')], project)
    const {diagnostics} = await open(uri, brokenText)
    expect(summary(diagnostics)).toEqual([['postmortem-timeline-timestamps', 13, 10, 13, 1]])
    // unified-language-server shows the note after the reason by itself.
    expect(diagnostics[0]?.message.split('\n')[1]).toBe(
      '`GWT` in `09:14 GWT` is no zone this linter knows; the known zones one letter away: `GMT`, `GST`.',
    )
  })
})
