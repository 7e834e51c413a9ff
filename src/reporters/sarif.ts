/**
 * SARIF 2.1.0, the format GitHub code scanning (and other CI tools) accept:
 * one run, our rules with their help links, one result per message with its
 * level and region. The message's note goes in `message.markdown` (after the
 * reason, which stays `message.text`), and its related places (the stated
 * start, the other entries of a group) in `relatedLocations`, linked from the
 * markdown as `[what it is](id)`.
 */
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {relatedPlaces} from '../rule.js'
import {levelOf, pathOf, rangeOf, rangeOfPlace} from './messages.js'

export interface SarifOptions {
  version?: string
}

const informationUri = 'https://github.com/postmortem-lint/remark-preset-lint-postmortem'

/** The reason, the note's lines as paragraphs, and links to the related locations; none without a note or related places. */
function markdownOf(
  message: VFileMessage,
  related: readonly {id: number; message: {text: string}}[],
): string | undefined {
  if (!message.note && related.length === 0) return undefined
  const linkText = (text: string) => text.replaceAll('[', '\\[').replaceAll(']', '\\]')
  return [
    message.reason,
    ...(message.note ? message.note.split('\n') : []),
    ...(related.length > 0
      ? [
          `Related: ${related.map((place) => `[${linkText(place.message.text)}](${place.id})`).join(', ')}`,
        ]
      : []),
  ].join('\n\n')
}

export function sarifReporter(files: readonly VFile[], options: SarifOptions = {}): string {
  const rules: {id: string; name: string; helpUri?: string; shortDescription: {text: string}}[] = []
  const ruleIndex = new Map<string, number>()
  const results: unknown[] = []
  for (const file of files) {
    for (const message of file.messages) {
      const id = message.ruleId ?? 'postmortem-lint'
      if (!ruleIndex.has(id)) {
        ruleIndex.set(id, rules.length)
        rules.push({
          id,
          name: id,
          shortDescription: {text: message.source ? `${message.source}:${id}` : id},
          ...(message.url ? {helpUri: message.url} : {}),
        })
      }
      const artifactLocation = {uri: encodeURI(pathOf(file)), uriBaseId: '%SRCROOT%'}
      const related = relatedPlaces(message).map((place, index) => ({
        id: index + 1,
        message: {text: place.reason},
        physicalLocation: {artifactLocation, region: rangeOfPlace(place.place)},
      }))
      const markdown = markdownOf(message, related)
      results.push({
        ruleId: id,
        ruleIndex: ruleIndex.get(id),
        level: levelOf(message),
        message: {text: message.reason, ...(markdown ? {markdown} : {})},
        locations: [{physicalLocation: {artifactLocation, region: rangeOf(message)}}],
        ...(related.length > 0 ? {relatedLocations: related} : {}),
      })
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'postmortem-lint',
            ...(options.version ? {version: options.version} : {}),
            informationUri,
            rules,
          },
        },
        results,
      },
    ],
  }
  return JSON.stringify(log, null, 2)
}
