/**
 * remark plugin for the language server: on each change, parse again only the
 * parts of a document whose text changed since its last parse.
 *
 * An editor sends the whole document on every keystroke, and a 200 KB
 * postmortem takes the parser about 250 ms, most of the time the editor waits.
 * The document is cut into pieces before ATX headings at column 0 and before
 * some items of long lists (a timeline). Each piece is parsed on its own,
 * followed by a stand-in for the line that follows it in the document (that
 * heading's `#`s; that item's marker and spaces, then `x`): the stand-in closes
 * what is open at the end of the piece exactly as the real line does, and
 * shows whether the real line would start a heading or the list's next item
 * there. The stand-in is then dropped, and a piece cut before an item hands
 * the rest of its list to the next piece. Unchanged pieces reuse their last
 * tree, copied with positions moved to where the piece now sits. Whether
 * `[x]` is a reference depends on definitions anywhere in the document, so
 * every piece is parsed with all of the document's definitions (`[x]: url`,
 * `[^x]: ...`) written next to it, which are dropped again. The result
 * equals a full parse (test/incremental-parse.test.ts compares them on every
 * fixture and real postmortem and on generated documents and edits).
 *
 * A full parse is used instead when pieces cannot stand alone:
 * - the stand-in does not start a heading or the list's next item (it fell
 *   into a fenced code block, an HTML block, a table...): that piece and the
 *   rest of the document are parsed as one, or the whole document when it is
 *   the first piece;
 * - front matter is open at the end of the first piece (it is only front
 *   matter once a later line closes it);
 * - a line ends in a lone carriage return, or the file has no path to key
 *   its last parse by.
 *
 * A syntax extension from a `.remarkrc` is handled like the rest: a construct
 * the stand-in falls into ends the cutting. One that makes a part of the
 * document depend on another far from it, as definitions do, would need the
 * same treatment as definitions; none of remark's common ones does.
 */
import path from 'node:path'
import type {Root, RootContent} from 'mdast'
import type {Plugin, Processor} from 'unified'
import type {VFile} from 'vfile'

type Parser = (document: string, file: VFile) => Root

/**
 * A piece of a document parsed on its own, followed by the stand-in for the
 * next line, and with the document's definitions before it (after it in the
 * first piece).
 */
interface Piece {
  /** The piece's own nodes (definitions given to it dropped; the stand-in still last). */
  children: RootContent[]
  /** The end of the piece's parse. */
  end: Point | undefined
  /** What the definitions put before it add to its lines and offsets. */
  shift: {lines: number; characters: number}
  /** Whether the stand-in starts a heading or the list's next item. */
  standsAlone: boolean
  /** The piece's own link and footnote definitions, each as a line (`[label]: x`). */
  definitions: string[]
}

/** A stretch of the document and its piece, as cut. */
interface Segment {
  start: number
  text: string
  standIn: string
  /** Whether the segment starts with an item of the list the last one ended in. */
  startsInList: boolean
  piece: Piece
}

/** Where a piece starts: before an ATX heading, or before a list item that continues the list above it. */
interface Boundary {
  at: number
  /** Whether the line starts a list item (else an ATX heading). */
  item: boolean
  /**
   * The stand-in for the line: its own opening (the `#`s, or the item's marker
   * and the white space after it) and `x`. The end of the item above an item
   * depends on the length of that opening.
   */
  standIn: string
}

/** What was parsed last for one document path. */
interface LastParse {
  configuration: string
  pieces: Map<string, Piece>
  /** The document's definitions, each as a line. */
  definitions: string[]
}

/** List items per piece, on average: larger pieces cost less to put together, smaller ones less to parse again. */
const defaultItemsPerPiece = 8
const atxHeading = /(#{1,6})(?:[ \t\r\n]|$)/y
/** A list item with content on its line (an empty item could be a setext underline). */
const listItemStart = /((?:([-*+])|\d{1,9}([.)]))[ \t]+)\S/y
const thematicBreak = /([-*_])(?:[ \t]*\1){2,}[ \t]*\r?$/y
/** Front matter is only front matter once closed, by a line further down. */
const frontmatterOpening = /^(?:---|\+\+\+)[ \t]*(?:\r?\n|$)/
const loneCarriageReturn = /\r(?!\n)/
/** A line that may start a definition (`[label]: ...`, `[^label]: ...`), in the root, a quote or an item. */
const definitionLine = /^[ \t>*+\-\d.)]*\[([^\]\n]+)\]:/gm
/** Documents whose last parse is kept: an editor's open files. */
const maximumDocuments = 16
const lastParses = new Map<string, LastParse>()

/**
 * The plugin, cutting a piece every `itemsPerPiece` list items on average
 * (tests cut before every item with 1).
 */
export function createIncrementalParse(itemsPerPiece = defaultItemsPerPiece): Plugin<[]> {
  return function incrementalParse(this: Processor) {
    const parseWhole = this.parser as Parser | undefined
    if (!parseWhole) return
    let configuration: string | undefined
    this.parser = (document: string, file: VFile): Root => {
      configuration ??= describeConfiguration(this)
      if (!file.path || loneCarriageReturn.test(document)) return parseWhole(document, file)
      const key = path.resolve(file.cwd, file.path)
      const last = lastParses.get(key)
      const reusable =
        last?.configuration === configuration ? last.pieces : new Map<string, Piece>()
      const pieces = new Map<string, Piece>()
      const definitions = last?.definitions ?? definitionsIn(document)
      const parsed = parseInPieces(
        document,
        file,
        parseWhole,
        reusable,
        pieces,
        itemsPerPiece,
        definitions,
      )
      lastParses.delete(key)
      if (!parsed) return parseWhole(document, file)
      lastParses.set(key, {configuration, pieces, definitions: parsed.definitions})
      if (lastParses.size > maximumDocuments)
        lastParses.delete(lastParses.keys().next().value as string)
      return parsed.tree
    }
  }
}

export default createIncrementalParse()

/** Forget every kept parse (tests). */
export function forgetParses() {
  lastParses.clear()
}

/**
 * The document's tree put together from its pieces, each parsed on its own or
 * reused, and the document's definitions; undefined when the pieces cannot
 * stand alone. Whether `[x]` is a reference depends on definitions anywhere
 * in the document, so every piece is parsed with all of them. They are not
 * known before the pieces are parsed: the pieces are parsed with a guess
 * (the last parse's, or lines that look like definitions), and once more if
 * the pieces hold other definitions than guessed (a definition does not
 * depend on other definitions, so the definitions found with any guess are
 * the right ones).
 */
function parseInPieces(
  document: string,
  file: VFile,
  parseWhole: Parser,
  reusable: Map<string, Piece>,
  pieces: Map<string, Piece>,
  itemsPerPiece: number,
  guess: string[],
): {tree: Root; definitions: string[]} | undefined {
  const boundaries = findBoundaries(document, itemsPerPiece)
  if (boundaries.length === 0) return undefined
  boundaries.push({at: document.length, item: false, standIn: ''})
  let definitions = guess
  for (let attempt = 0; attempt < 3; attempt++) {
    const context: Context = {
      file,
      parseWhole,
      reusable,
      pieces,
      definitions: definitions.length,
      // Each definition on its own lines, so each parses as one node.
      block: definitions.map((definition) => `${definition}\n\n`).join(''),
    }
    const segments = cut(document, boundaries, context)
    if (!segments) {
      if (definitions.length === 0) return undefined
      // A guess that does not parse as definitions (a line that only looks
      // like one): parse with none to learn the real ones.
      pieces.clear()
      definitions = []
      continue
    }
    const found = [...new Set(segments.flatMap((segment) => segment.piece.definitions))].sort()
    if (JSON.stringify(found) === JSON.stringify(definitions)) {
      const tree = assemble(document, segments)
      return tree && {tree, definitions}
    }
    // Pieces parsed with the wrong definitions are of no use later.
    pieces.clear()
    definitions = found
  }
  return undefined
}

/** What parsing a piece needs. */
interface Context {
  file: VFile
  parseWhole: Parser
  reusable: Map<string, Piece>
  pieces: Map<string, Piece>
  /** How many definitions are written next to each piece, and those lines. */
  definitions: number
  block: string
}

/** The document cut into segments whose pieces stand alone; undefined when it cannot be cut. */
function cut(document: string, boundaries: Boundary[], context: Context): Segment[] | undefined {
  const segments: Segment[] = []
  let start = 0
  let startsInList = false
  for (const boundary of boundaries) {
    let end = boundary.at
    let text = document.slice(start, end)
    let standIn = end === document.length ? '' : boundary.standIn
    let piece = pieceOf(text, standIn, start === 0, context)
    if (!piece?.standsAlone || (start === 0 && opensFrontmatter(text, piece.children))) {
      // This piece may reach into the next: parse it and the rest as one.
      if (start === 0) return undefined
      end = document.length
      text = document.slice(start)
      standIn = ''
      piece = pieceOf(text, standIn, false, context)
      if (!piece) return undefined
    }
    segments.push({start, text, standIn, startsInList, piece})
    if (end === document.length) break
    startsInList = boundary.item
    start = end
  }
  return segments
}

/** The document's tree from its segments: each piece's nodes copied with positions moved to where it sits. */
function assemble(document: string, segments: Segment[]): Root | undefined {
  const root: Root = {type: 'root', children: []}
  let lineDelta = 0
  for (const {start, text, standIn, startsInList, piece} of segments) {
    const {lines, characters} = piece.shift
    const children = piece.children.map((child) =>
      moved(child, lineDelta - lines, start - characters),
    )
    if (standIn) dropStandIn(children)
    if (startsInList) {
      // The piece's first list is the rest of the list the last piece ended in.
      const list = root.children.at(-1)
      const rest = children.shift()
      if (list?.type !== 'list' || rest?.type !== 'list') return undefined
      list.spread = list.spread || rest.spread
      list.children.push(...rest.children)
      if (list.position && rest.position) list.position.end = rest.position.end
    }
    root.children.push(...children)
    if (start + text.length === document.length && piece.end) {
      root.position = {
        start: {line: 1, column: 1, offset: 0},
        end: movedPoint(piece.end, lineDelta - lines, start - characters),
      }
    }
    lineDelta += countLineEndings(text)
  }
  return root
}

/**
 * Drop the stand-in from a piece's nodes: the heading after them, or the item
 * after the last list's items. The list's spread keeps what the stand-in
 * showed, a blank line before the next item; its end is set by the next piece.
 */
function dropStandIn(children: RootContent[]) {
  const last = children.at(-1)
  if (last?.type === 'heading') children.pop()
  else if (last?.type === 'list') last.children.pop()
}

/**
 * Where the document can be cut: before every ATX heading at column 0, and
 * before some list items at column 0 whose nearest line above at column 0
 * starts an item with the same marker (the list's next item, not a list after
 * a paragraph, where lazy continuation and the "starts at 1" rule apply).
 * Whether the text above really ends there is checked on its parse.
 *
 * Which items cut is decided by a hash of the item's own line, not by a
 * distance from the last cut, so that an edit moves no cut but its own:
 * with cuts every N characters, inserting a line would move every cut
 * below it and nothing below would be reused.
 */
function findBoundaries(document: string, itemsPerPiece: number): Boundary[] {
  const boundaries: Boundary[] = []
  let markerAbove: string | undefined
  let itemsSinceCut = 0
  for (let lineStart = 0; lineStart < document.length; ) {
    const lineEnd = document.indexOf('\n', lineStart)
    const nextLine = lineEnd === -1 ? document.length : lineEnd + 1
    const first = document.charCodeAt(lineStart)
    // Lines that start with white space (blank or indented) continue what is above.
    if (first !== 32 && first !== 9 && first !== 10 && first !== 13) {
      atxHeading.lastIndex = lineStart
      const heading = first === 35 ? atxHeading.exec(document) : null
      if (heading) {
        if (lineStart > 0) boundaries.push({at: lineStart, item: false, standIn: `${heading[1]}\n`})
        markerAbove = undefined
        itemsSinceCut = 0
      } else {
        const item = listItem(document, lineStart)
        if (item && item.marker === markerAbove) {
          itemsSinceCut++
          // A run of identical lines has one hash: cut it by count too.
          if (
            hashLine(document, lineStart, nextLine) % itemsPerPiece === 0 ||
            itemsSinceCut >= 8 * itemsPerPiece
          ) {
            boundaries.push({at: lineStart, item: true, standIn: `${item.opening}x\n`})
            itemsSinceCut = 0
          }
        }
        markerAbove = item?.marker
      }
    }
    lineStart = nextLine
  }
  return boundaries
}

/** FNV-1a over a line's characters. */
function hashLine(text: string, start: number, end: number) {
  let hash = 0x811c9dc5
  for (let at = start; at < end; at++) hash = Math.imul(hash ^ text.charCodeAt(at), 0x01000193)
  return hash >>> 0
}

/**
 * The list item starting at `at`, if the line starts one with content: its
 * marker (`-`, `*`, `+`, or `.` and `)` after a number) and its opening (the
 * marker and the white space after it).
 */
function listItem(text: string, at: number): {marker: string; opening: string} | undefined {
  listItemStart.lastIndex = at
  const match = listItemStart.exec(text)
  if (!match) return undefined
  thematicBreak.lastIndex = at
  if (thematicBreak.test(text)) return undefined
  return {marker: (match[2] ?? match[3]) as string, opening: match[1] as string}
}

/**
 * A piece parsed with the document's definitions (after it in the first
 * piece, where front matter must stay first; before it in the others), or
 * reused; undefined when the definitions given do not come back as such.
 */
function pieceOf(
  text: string,
  standIn: string,
  first: boolean,
  context: Context,
): Piece | undefined {
  const {block, definitions: count} = context
  const before = first ? '' : block
  const after = first && block ? `\n${block}` : ''
  // Lengths first: no two different inputs share a key.
  const key = `${before.length}:${after.length}:${standIn.length}:${before}${text}${standIn}${after}`
  const known = context.reusable.get(key)
  if (known) {
    context.pieces.set(key, known)
    return known
  }
  const tree = context.parseWhole(before + text + standIn + after, context.file)
  const given = first
    ? tree.children.slice(tree.children.length - count)
    : tree.children.slice(0, count)
  if (given.length !== count || !given.every(isDefinition)) return undefined
  const children = first
    ? tree.children.slice(0, tree.children.length - count)
    : tree.children.slice(count)
  const definitions: string[] = []
  for (const child of children) collectDefinitions(child, definitions)
  const piece: Piece = {
    children,
    end: tree.position?.end,
    shift: {lines: countLineEndings(before), characters: before.length},
    standsAlone: !standIn || startsStandIn(children, before.length + text.length),
    definitions,
  }
  context.pieces.set(key, piece)
  return piece
}

function isDefinition(node: RootContent) {
  return node.type === 'definition' || node.type === 'footnoteDefinition'
}

/** Whether the stand-in, at `offset`, starts the last heading or the last list's item (after earlier items). */
function startsStandIn(children: RootContent[], offset: number) {
  const last = children.at(-1)
  const started =
    last?.type === 'list' && last.children.length > 1
      ? last.children.at(-1)?.position?.start
      : last?.type === 'heading'
        ? last.position?.start
        : undefined
  return started?.offset === offset && started.column === 1
}

function opensFrontmatter(text: string, children: RootContent[]) {
  if (!frontmatterOpening.test(text)) return false
  const first = children[0]?.type
  return first !== 'yaml' && first !== ('toml' as string)
}

/** Lines that look like definitions, as a first guess at a document's definitions. */
function definitionsIn(document: string): string[] {
  const found = new Set<string>()
  for (const match of document.matchAll(definitionLine)) found.add(`[${match[1]}]: x`)
  return [...found].sort()
}

/**
 * Each definition as a line that defines the same label (`[label]: x`,
 * `[^label]: x`). Definitions are flow content: they sit in the root or in
 * containers, never in phrasing.
 */
function collectDefinitions(node: RootContent, definitions: string[]) {
  if (node.type === 'definition') definitions.push(`[${node.label ?? node.identifier}]: x`)
  else if (node.type === 'footnoteDefinition')
    definitions.push(`[^${node.label ?? node.identifier}]: x`)
  if (node.type === 'paragraph' || node.type === 'heading' || !('children' in node)) return
  for (const child of node.children as RootContent[]) collectDefinitions(child, definitions)
}

function countLineEndings(text: string) {
  let count = 0
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++
  return count
}

/** A deep copy of a node with every position moved down by `lineDelta` lines and `offsetDelta` characters. */
function moved<Value>(value: Value, lineDelta: number, offsetDelta: number): Value {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    const copy = new Array(value.length)
    for (let index = 0; index < value.length; index++)
      copy[index] = moved(value[index], lineDelta, offsetDelta)
    return copy as Value
  }
  const copy: Record<string, unknown> = {}
  // Trees are plain data: no inherited keys to skip.
  for (const key in value) {
    const field = value[key]
    copy[key] =
      key === 'position'
        ? movedPosition(field as Position | undefined, lineDelta, offsetDelta)
        : moved(field, lineDelta, offsetDelta)
  }
  return copy as Value
}

interface Point {
  line: number
  column: number
  offset?: number
}

interface Position {
  start: Point
  end: Point
}

function movedPosition(position: Position | undefined, lineDelta: number, offsetDelta: number) {
  if (!position) return position
  return {
    start: movedPoint(position.start, lineDelta, offsetDelta),
    end: movedPoint(position.end, lineDelta, offsetDelta),
  }
}

function movedPoint(point: Point, lineDelta: number, offsetDelta: number): Point {
  return point.offset === undefined
    ? {line: point.line + lineDelta, column: point.column}
    : {line: point.line + lineDelta, column: point.column, offset: point.offset + offsetDelta}
}

/**
 * The plugins and options of a processor, as text: a kept parse is reused only
 * by the same configuration (a `.remarkrc` that adds a syntax extension
 * changes how every piece parses). Plugin functions are told apart by
 * identity, options by their JSON. Only each plugin's options count:
 * unified-engine passes its file set (with every document's text) as a
 * second argument.
 */
function describeConfiguration(processor: Processor): string {
  try {
    return processor.attachers
      .map(
        ([plugin, options]) =>
          `${pluginNumber(plugin)}:${JSON.stringify(options, optionValue) ?? ''}`,
      )
      .join(';')
  } catch {
    // Options that are not data (a cycle, a BigInt): never reuse.
    return `unique:${nextPluginNumber++}`
  }
}

function optionValue(_key: string, value: unknown) {
  return typeof value === 'function' || value instanceof RegExp ? String(value) : value
}

/** Each plugin function gets a number for the life of the process. */
const pluginNumbers = new WeakMap<object, number>()
let nextPluginNumber = 0
function pluginNumber(plugin: object) {
  let number = pluginNumbers.get(plugin)
  if (number === undefined) {
    number = nextPluginNumber++
    pluginNumbers.set(plugin, number)
  }
  return number
}
