/**
 * What a line of the document is (the unit every reader works on), and the
 * table-row builder that both the Markdown walk (`lines.ts`) and the HTML walk
 * (`html.ts`) use.
 */
import {type SourceText, SourceTextBuilder} from './source-text.js'

export interface Line {
  kind: 'heading' | 'paragraph' | 'row'
  /** Heading rank (1-6); 0 for other lines. */
  depth: number
  /** How many list items contain this line (0 outside lists). */
  listDepth: number
  /** First line of a list item. */
  itemStart: boolean
  /** Index of this line within its block (paragraph, item paragraph). */
  indexInBlock: number
  /** Identifies the block (paragraph, heading, row) the line belongs to. */
  block: number
  text: SourceText
  /** Cells of a table row, and whether the row is the header. */
  cells?: SourceText[]
  header?: boolean
  /** A paragraph line inside a list item that starts at column 1 (a lazy continuation). */
  lazy?: boolean
}

/** One table row as a line: its cells, and their text joined with ` | ` so label and time patterns can read it. */
export function tableRow(
  cells: SourceText[],
  header: boolean,
  listDepth: number,
  block: number,
): Line {
  const builder = new SourceTextBuilder()
  cells.forEach((cell, index) => {
    if (index > 0) builder.appendUnplaced(' | ')
    const offset = cell.fileOffset(0)
    if (offset === undefined) builder.appendUnplaced(cell.value)
    else builder.appendAligned(cell.value, cell.value, offset)
  })
  return {
    kind: 'row',
    depth: 0,
    listDepth,
    itemStart: false,
    indexInBlock: 0,
    block,
    text: builder.build(),
    cells,
    header,
  }
}
