/**
 * Writes synthetic postmortems in all the shapes of SPEC.md (ATX and setext
 * headings, bold pseudo-headings, plain labels, HTML blocks, tables, front
 * matter, indented blocks), seeded and reproducible, from about 1 KB to 1 MB.
 */

/** mulberry32: a small seeded generator, so a seed always gives the same corpus. */
export function random(seed) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

const words =
  'load balancer config cache queue database replica deploy rollback alert latency error rate traffic region node pod certificate dns index worker job retry timeout quota disk memory connection pool'.split(
    ' ',
  )
const events = [
  'alert fires for elevated error rate',
  'on-call engineer paged',
  'investigation starts on the database',
  'misleading path: network suspected',
  'escalated to the platform team',
  'cause identified in the last change',
  'rollback started',
  'errors drop back to baseline',
  'service restored and monitored',
]

function pad(value) {
  return String(value).padStart(2, '0')
}

function sentence(next, length = 12) {
  const chosen = Array.from({length}, () => words[Math.floor(next() * words.length)])
  return `${chosen.join(' ').replace(/^./, (letter) => letter.toUpperCase())}.`
}

/** `count` increasing times within one day (with seconds when there are many). */
function times(next, count) {
  const step = Math.max(1, Math.floor(50_000 / count))
  let second = 9 * 3600 + Math.floor(next() * 3600)
  return Array.from({length: count}, () => {
    second += 1 + Math.floor(next() * step)
    const clock = `${pad(Math.floor(second / 3600) % 24)}:${pad(Math.floor(second / 60) % 60)}`
    return count > 600 ? `${clock}:${pad(second % 60)}` : clock
  })
}

const shapes = {
  atx(next, entries, prose) {
    const stamps = times(next, entries)
    return `# Postmortem: ${sentence(next, 4)}\n\n## Summary\n\n${prose}\n\n- **Duration:** March 8, 2024, ${stamps[0]} - ${stamps.at(-1)} (UTC)\n- **Impact:** ${Math.floor(next() * 100)}% of users saw errors.\n\n## Timeline\n\n${stamps.map((stamp, index) => `- **${stamp} UTC:** ${events[index % events.length]}`).join('\n')}\n\n## Root Cause\n\n${sentence(next)}\n\n## Resolution\n\n${sentence(next)}\n\n## Corrective Actions\n\n- ${sentence(next, 6)}\n`
  },
  setext(next, entries, prose) {
    const stamps = times(next, entries)
    return `Postmortem\n==========\n\nSummary\n-------\n\n${prose}\n\nDuration: ${stamps[0]} to ${stamps.at(-1)} UTC\n\nImpact: half of requests failed.\n\nTimeline\n--------\n\n${stamps.map((stamp, index) => `* ${stamp}: ${events[index % events.length]}`).join('\n')}\n\nRoot cause\n----------\n\n${sentence(next)}\n`
  },
  bold(next, entries, prose) {
    const stamps = times(next, entries)
    return `**Postmortem: ${sentence(next, 3)}**\n\n**Issue Summary:**\n- **Duration:** November 10, 2023, ${stamps[0]} - ${stamps.at(-1)} (UTC)\n- **Impact:** ${prose}\n\n**Timeline:**\n${stamps.map((stamp, index) => `- **${stamp} (UTC):** ${events[index % events.length]}`).join('\n')}\n\n**Root Cause and Resolution:**\n${sentence(next)}\n\n**Corrective and Preventative Measures:**\n- ${sentence(next, 8)}\n`
  },
  plain(next, entries, prose) {
    const stamps = times(next, entries)
    return `Postmortem\n\nIssue Summary:\nDuration: June 4, 2024, ${stamps[0]} to ${stamps.at(-1)} (CET)\nImpact: ${prose}\n\nTimeline:\n${stamps.map((stamp, index) => `- ${stamp}: ${events[index % events.length]}`).join('\n')}\n\nRoot Cause:\n${sentence(next)}\n\nResolution:\n${sentence(next)}\n`
  },
  html(next, entries, prose) {
    const stamps = times(next, entries)
    return `<h1>Postmortem</h1>\n\n<h2>Issue Summary</h2>\n\n<ul>\n  <li><strong>Duration:</strong> April 9, 2024, ${stamps[0]} to ${stamps.at(-1)} UTC</li>\n  <li><strong>Impact:</strong> ${prose}</li>\n</ul>\n\n<h2>Timeline</h2>\n\n<ul>\n${stamps.map((stamp, index) => `  <li><strong>${stamp} UTC:</strong> ${events[index % events.length]}</li>`).join('\n')}\n</ul>\n\n<h2>Root Cause and Resolution</h2>\n\n<p>${sentence(next)}</p>\n`
  },
  table(next, entries, prose) {
    const stamps = times(next, entries)
    return `---\ntitle: ${sentence(next, 3)}\nstart: 2024-02-12 ${stamps[0]}\nend: 2024-02-12 ${stamps.at(-1)}\ntimezone: UTC\nimpact: all users\n---\n\n# Incident\n\n## Summary\n\n${prose}\n\n## Timeline\n\n| Time (UTC) | Event |\n| --- | --- |\n${stamps.map((stamp, index) => `| ${stamp} | ${events[index % events.length]} |`).join('\n')}\n\n## Root Cause\n\n${sentence(next)}\n`
  },
  indented(next, entries, prose) {
    const stamps = times(next, entries)
    return `Postmortem\n\nIssue Summary:\n\n    Duration:\n        Start Time: January 20, 2024, ${stamps[0]} (UTC)\n        End Time: January 20, 2024, ${stamps.at(-1)} (UTC)\n    Impact:\n        ${prose}\n\nTimeline:\n\n${stamps.map((stamp, index) => `    ${stamp} (UTC): ${events[index % events.length]}`).join('\n')}\n`
  },
}

/** One postmortem of about `bytes` bytes in the given shape. */
export function postmortem(shape, next, bytes) {
  const entries = Math.max(3, Math.round(bytes / 140))
  const proseSentences = Math.max(1, Math.round(bytes / 400))
  const prose = Array.from({length: proseSentences}, () => sentence(next)).join(' ')
  return shapes[shape](next, entries, prose)
}

export const shapeNames = Object.keys(shapes)

/** `count` postmortems, sizes log-uniform from 1 KB to 1 MB (most are small). */
export function generateCorpus({count = 1000, seed = 42, maxBytes = 1_000_000} = {}) {
  const next = random(seed)
  return Array.from({length: count}, (_, index) => {
    const shape = shapeNames[index % shapeNames.length]
    // Mostly 1-8 KB like real postmortems, with a long tail up to 1 MB.
    const bytes =
      next() < 0.99 ? 1000 * 2 ** (next() * 3) : Math.min(maxBytes, 1000 * 2 ** (3 + next() * 7))
    return {
      name: `${String(index).padStart(4, '0')}-${shape}.md`,
      text: postmortem(shape, next, bytes),
    }
  })
}
