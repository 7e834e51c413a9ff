/**
 * remark-lint's message control (`<!-- lint disable <rule-id> -->`), as
 * remark-lint attaches it, skipped when it cannot change anything: no message
 * of `remark-lint` to filter and no `lint` marker in the text. On a clean
 * document it walked the whole tree twice per keystroke for nothing (about
 * 15 ms of a 200 KB postmortem's 35 ms of rules).
 */
import type {Root} from 'mdast'
import remarkMessageControl from 'remark-message-control'
import type {Processor} from 'unified'
import type {VFile} from 'vfile'

const source = 'remark-lint'

function lintMessageControl() {
  const control = remarkMessageControl({name: 'lint', source})
  return (tree: Root, file: VFile) => {
    // A marker names `lint` (in an HTML or MDX comment); without one and without our messages there is nothing to do.
    const hasMessages = file.messages.some((message) => message.source === source)
    if (!hasMessages && !String(file).includes('lint')) return
    control(tree, file)
  }
}

/**
 * Attached from inside the attacher, like remark-lint does, so that it lands
 * after every other plugin of the configuration and sees all their messages.
 */
export default function remarkLintMessageControl(this: Processor) {
  this.use(lintMessageControl)
}
