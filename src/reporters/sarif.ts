/**
 * SARIF 2.1.0, the format GitHub code scanning (and other CI tools) accept:
 * one run, our rules with their help links, one result per message with its
 * level and region.
 */
import type {VFile} from 'vfile'
import {levelOf, pathOf, rangeOf} from './messages.js'

export interface SarifOptions {
  version?: string
}

const informationUri = 'https://github.com/postmortem-lint/remark-preset-lint-postmortem'

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
      const range = rangeOf(message)
      results.push({
        ruleId: id,
        ruleIndex: ruleIndex.get(id),
        level: levelOf(message),
        message: {text: message.reason},
        locations: [
          {
            physicalLocation: {
              artifactLocation: {uri: encodeURI(pathOf(file)), uriBaseId: '%SRCROOT%'},
              region: range,
            },
          },
        ],
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
