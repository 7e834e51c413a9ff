/**
 * remark-lint's message control (`<!-- lint disable <rule-id> -->`), as
 * remark-lint attaches it, with a short way for documents that hold no marker.
 *
 * remark-message-control walks the whole tree twice per file through
 * unist-util-visit-parents (which renames a closure for every node): about
 * 130 ms of a CLI run over 1,000 postmortems, 15 ms of a 200 KB one in the
 * editor. Our own walk is a plain recursion over the nodes. Without a marker
 * message control can only do two things, which we do directly: drop our
 * messages that start in a gap of the tree (text that no node covers, as after
 * a plugin that inserts nodes without positions), and give a message without a
 * place line 1, column 1. test/message-control.test.ts checks that the
 * messages are exactly remark-lint's.
 */
import type {Nodes, Root} from 'mdast'
import remarkMessageControl from 'remark-message-control'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'
import {locationOf} from './rule.js'

const source = 'remark-lint'

/* Nodes that can hold a marker (remark-message-control's list): `html`, `comment` (MDX), `mdxFlowExpression`, `mdxTextExpression`. */

function lintMessageControl() {
  const control = remarkMessageControl({name: 'lint', source})
  return (tree: Root, file: VFile) => {
    const {gaps, hasMarker} = readTree(tree)
    // A marker is there: leave it all to remark-message-control.
    if (hasMarker) {
      control(tree, file)
      return
    }
    const ours = file.messages.filter((message) => message.source === source)
    for (const message of ours) {
      if (!message.line) message.line = 1
      if (!message.column) message.column = 1
    }
    if (ours.length === 0 || gaps.length === 0) return
    const {toOffset} = locationOf(file)
    file.messages = file.messages.filter((message) => {
      if (message.source !== source) return true
      const offset = toOffset(message)
      return offset === undefined || !gaps.some(([start, end]) => start <= offset && offset < end)
    })
  }
}

/**
 * Whether a node may hold a `lint` marker, and the stretches of the file that
 * no node covers, found as unified-message-control finds them: walking the
 * nodes in order, a node without a position opens a gap that the next node
 * with one closes; text after the last node is a gap too.
 */
function readTree(tree: Root): {gaps: [number, number][]; hasMarker: boolean} {
  const gaps: [number, number][] = []
  let hasMarker = false
  let offset = 0
  let open = false
  // A plain recursion with the checks written out: it visits every node of every file.
  const walk = (node: Nodes) => {
    const type: string = node.type
    if (
      (type === 'html' ||
        type === 'comment' ||
        type === 'mdxFlowExpression' ||
        type === 'mdxTextExpression') &&
      'value' in node &&
      node.value.includes('lint')
    )
      hasMarker = true
    const position = node.position
    const start = position?.start.offset
    if (start === undefined) open = true
    else if (offset < start) {
      if (open) gaps.push([offset, start])
      open = false
      offset = start
    }
    if ('children' in node) {
      const children: Nodes[] = node.children
      for (let index = 0; index < children.length; index++) walk(children[index] as Nodes)
    } else {
      const end = position?.end.offset
      if (end === undefined) open = true
      else if (offset < end) {
        if (open) gaps.push([offset, end])
        open = false
        offset = end
      }
    }
  }
  walk(tree)
  const end = tree.position?.end.offset
  // Text after the last node is a gap too.
  if (end !== undefined && offset < end) gaps.push([offset, end])
  return {gaps, hasMarker}
}

/**
 * Attached from inside the attacher, like remark-lint does, so that it lands
 * after every other plugin of the configuration and sees all their messages.
 */
export default function remarkLintMessageControl(this: Processor) {
  this.use(lintMessageControl)
}
