/**
 * What the playground refuses to check, and says so instead of freezing:
 * nothing written, binary data, a document too large for a browser tab.
 */

/** Past this the playground asks for the CLI (which takes 10 MB files). */
const largestDocument = 5 * 1024 * 1024
/** From this size a check is said to run in the background (it takes a second or more). */
export const largeDocument = 256 * 1024

/** `12 KB`, `1.0 MB`. */
export function sizeLabel(characters: number): string {
  return characters < 1024 * 1024
    ? `${Math.max(1, Math.round(characters / 1024))} KB`
    : `${(characters / 1024 / 1024).toFixed(1)} MB`
}

/**
 * Characters no text has: control characters other than tab, line feed, form
 * feed and carriage return, and U+FFFD, what a decoder puts where bytes were
 * not text.
 */
function binaryCharacters(text: string): number {
  let count = 0
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) ||
      code === 0x7f ||
      code === 0xfffd
    )
      count++
  }
  return count
}

/** Why `text` is not checked, or undefined when it is checked. */
export function inputProblem(text: string): string | undefined {
  if (text.trim() === '')
    return 'Nothing to check: paste a postmortem here, open a Markdown file, or load the example.'
  if (text.length > largestDocument)
    return `This document is ${sizeLabel(text.length)}; the playground checks up to ${sizeLabel(largestDocument)}. Run \`npx postmortem-lint file.md\` on it instead.`
  // A NUL, or more than one character in a hundred that no text has: the bytes of a binary file.
  const sample = text.slice(0, 64 * 1024)
  const odd = binaryCharacters(sample)
  if (sample.includes('\u0000') || odd > sample.length / 100)
    return `This looks like binary data, not Markdown (${odd} control or undecodable characters in the first ${sizeLabel(sample.length)}); nothing was checked.`
  return undefined
}

/** A file's bytes as text, or why they are not (the CLI too leaves a file that is not UTF-8 alone). */
export function decodeFile(bytes: ArrayBuffer): {text: string} | {problem: string} {
  try {
    return {text: new TextDecoder('utf-8', {fatal: true}).decode(bytes)}
  } catch {
    return {problem: 'This file is not UTF-8 text (a binary file?); nothing was checked.'}
  }
}
