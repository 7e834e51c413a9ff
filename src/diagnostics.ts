/**
 * What the language server adds to unified-language-server's diagnostics:
 * each message's related places (src/rule.ts: the stated start, the other
 * entries of a group) as LSP `relatedInformation`, for clients that support
 * it, and the text as reason and note. unified-language-server writes a
 * message's text as its reason, its `cause`'s stack and its note; the stack
 * of a cause that is a message (a related place) is empty, which left a
 * blank line in the middle.
 */
import type {Point, Position} from 'unist'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {Connection, Diagnostic, PublishDiagnosticsParams, Range} from 'vscode-languageserver'
import {relatedPlaces} from './rule.js'

/** An LSP range (lines and characters from 0) of a unist point or position. */
function rangeOf(place: Point | Position): Range {
  const start = 'start' in place ? place.start : place
  const end = 'end' in place ? place.end : place
  return {
    start: {line: start.line - 1, character: start.column - 1},
    end: {line: end.line - 1, character: end.column - 1},
  }
}

/** A cause that is a message (a related place), not an error with a stack worth showing. */
function causeIsPlace(message: VFileMessage): boolean {
  const cause = message.cause
  return typeof cause === 'object' && cause !== null && 'fatal' in cause && 'place' in cause
}

/** Whether `diagnostics` were made from `messages`, one for one (unified-language-server maps them in order). */
function madeFrom(messages: readonly VFileMessage[], diagnostics: readonly Diagnostic[]): boolean {
  return (
    messages.length === diagnostics.length &&
    messages.every(
      (message, index) =>
        diagnostics[index]?.message.startsWith(message.reason) &&
        (diagnostics[index]?.code ?? undefined) === (message.ruleId ?? undefined),
    )
  )
}

/** The diagnostics of `params` with the related places and text of the messages they were made from. */
export function withRelatedPlaces(
  params: PublishDiagnosticsParams,
  messages: readonly VFileMessage[],
  relatedInformation: boolean,
): PublishDiagnosticsParams {
  if (!madeFrom(messages, params.diagnostics)) return params
  const diagnostics = params.diagnostics.map((diagnostic, index) => {
    const message = messages[index] as VFileMessage
    const result: Diagnostic = {...diagnostic}
    if (causeIsPlace(message))
      result.message = message.note ? `${message.reason}\n${message.note}` : message.reason
    const related = relatedPlaces(message)
    if (relatedInformation && related.length > 0)
      result.relatedInformation = related.map((place) => ({
        location: {uri: params.uri, range: rangeOf(place.place)},
        message: place.reason,
      }))
    return result
  })
  return {...params, diagnostics}
}

/**
 * Related places for a language server: `remember` is a unified plugin that
 * keeps each linted file by document, and `attach` makes a
 * connection's `sendDiagnostics` look them up.
 */
export function relatedPlacesStore() {
  /** The last few files of each document (a newer check may finish first); message control replaces `file.messages` later. */
  const recent = new Map<string, VFile[]>()
  const remember = () => (_tree: unknown, file: VFile) => {
    const uri = file.data.lspDocumentUri
    if (typeof uri !== 'string') return
    recent.set(uri, [file, ...(recent.get(uri) ?? [])].slice(0, 3))
  }
  const attach = <Server extends Connection>(connection: Server): Server => {
    let relatedInformation = false
    const onInitialize = connection.onInitialize.bind(connection)
    connection.onInitialize = (handler) =>
      onInitialize((params, ...rest) => {
        relatedInformation =
          params.capabilities.textDocument?.publishDiagnostics?.relatedInformation === true
        return handler(params, ...rest)
      })
    const send = connection.sendDiagnostics.bind(connection)
    connection.sendDiagnostics = (params) => {
      const files = recent.get(params.uri) ?? []
      if (params.diagnostics.length === 0) recent.delete(params.uri)
      const file = files.find((file) => madeFrom(file.messages, params.diagnostics))
      return send(file ? withRelatedPlaces(params, file.messages, relatedInformation) : params)
    }
    return connection
  }
  return {remember, attach}
}
