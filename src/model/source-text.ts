/**
 * Plain text cut out of a Markdown file, with a map from each character back
 * to its offset in the file. mdast text values drop escapes, entities and
 * indentation, so `node.position.start.offset + index` drifts; the map is built
 * by aligning each value with its source slice instead.
 */

interface Segment {
  /** Index in the text where this run starts. */
  at: number
  /** File offset of that character. */
  file: number
  length: number
}

export class SourceText {
  constructor(
    readonly value: string,
    private readonly segments: readonly Segment[] = [],
  ) {}

  /** An empty text at a file offset: the place of an insertion. */
  static at(fileOffset: number): SourceText {
    return new SourceText('', [{at: 0, file: fileOffset, length: 0}])
  }

  /** The file's own text from `start` to `end`. */
  static of(source: string, start: number, end: number): SourceText {
    return new SourceText(source.slice(start, end), [{at: 0, file: start, length: end - start}])
  }

  /** File offset of character `index` (or of the end, for `index === length`). */
  fileOffset(index: number): number | undefined {
    if (this.segments.length === 0) return undefined
    const segment = this.segments[this.segmentAt(index)]
    if (!segment) return undefined
    const within = Math.max(0, Math.min(index - segment.at, segment.length))
    return segment.file + within
  }

  /** File range of `[start, end)` in this text. */
  fileRange(start: number, end: number): {start: number; end: number} | undefined {
    const from = this.fileOffset(start)
    const last = end > start ? this.fileOffset(end - 1) : from
    if (from === undefined || last === undefined) return undefined
    return {start: from, end: end > start ? last + 1 : from}
  }

  /** Index of the last segment starting at or before `index`. */
  private segmentAt(index: number): number {
    const segments = this.segments
    let low = 0
    let high = segments.length - 1
    while (low < high) {
      const middle = (low + high + 1) >> 1
      if ((segments[middle]?.at ?? 0) <= index) low = middle
      else high = middle - 1
    }
    return low
  }

  slice(start: number, end = this.value.length): SourceText {
    const kept: Segment[] = []
    const segments = this.segments
    for (
      let position = Math.max(0, this.segmentAt(start) - 1);
      position < segments.length;
      position++
    ) {
      const segment = segments[position] as Segment
      if (segment.at > end) break
      const from = Math.max(start, segment.at)
      const to = Math.min(end, segment.at + segment.length)
      if (to > from || (segment.length === 0 && segment.at >= start && segment.at <= end)) {
        kept.push({
          at: from - start,
          file: segment.file + (from - segment.at),
          length: Math.max(0, to - from),
        })
      }
    }
    if (kept.length === 0 && this.segments.length > 0) {
      const file = this.fileOffset(start)
      if (file !== undefined) kept.push({at: 0, file, length: 0})
    }
    return new SourceText(this.value.slice(start, end), kept)
  }

  /** The text without white space at either end. */
  trim(): SourceText {
    const value = this.value
    if (!/^\s|\s$/.test(value)) return this
    const start = this.value.length - this.value.trimStart().length
    const end = this.value.trimEnd().length
    return end <= start ? this.slice(start, start) : this.slice(start, end)
  }

  /** Split on line feeds. */
  lines(): SourceText[] {
    if (!this.value.includes('\n')) return [this]
    const result: SourceText[] = []
    let start = 0
    for (
      let index = this.value.indexOf('\n');
      index !== -1;
      index = this.value.indexOf('\n', start)
    ) {
      result.push(this.slice(start, index))
      start = index + 1
    }
    result.push(this.slice(start))
    return result
  }
}

/** Builds a SourceText piece by piece. */
export class SourceTextBuilder {
  private value = ''
  private readonly segments: Segment[] = []

  /** Text with no place in the file (a line break, a separator). */
  appendUnplaced(text: string): void {
    this.value += text
  }

  /** Text that stands verbatim at `fileOffset`. */
  appendExact(text: string, fileOffset: number): void {
    this.push(this.value.length, fileOffset, text.length)
    this.value += text
  }

  /**
   * Text whose source is `source` (starting at `fileOffset`) but may differ
   * from it by escapes, entities and indentation: align character by character.
   */
  appendAligned(text: string, source: string, fileOffset: number): void {
    if (text === source) {
      this.appendExact(text, fileOffset)
      return
    }
    let sourceIndex = 0
    for (let index = 0; index < text.length; index++) {
      const char = text[index] as string
      // Indentation the value dropped can be longer than the look-ahead: skip it first.
      if (char !== ' ' && char !== '\t' && char !== '\n')
        while (sourceIndex < source.length && ' \t\r\n'.includes(source[sourceIndex] as string))
          sourceIndex++
      // Look a little ahead for the character (skipping `\`, `&amp;`).
      let found = -1
      for (let ahead = sourceIndex; ahead < Math.min(source.length, sourceIndex + 12); ahead++) {
        if (source[ahead] === char) {
          found = ahead
          break
        }
      }
      if (found === -1) {
        this.push(this.value.length, fileOffset + Math.min(sourceIndex, source.length), 0)
      } else {
        this.push(this.value.length, fileOffset + found, 1)
        sourceIndex = found + 1
      }
      this.value += char
    }
  }

  private push(at: number, file: number, length: number): void {
    const last = this.segments[this.segments.length - 1]
    if (last && last.at + last.length === at && last.file + last.length === file && length > 0) {
      last.length += length
    } else {
      this.segments.push({at, file, length})
    }
  }

  build(): SourceText {
    return new SourceText(this.value, this.segments)
  }
}
