/**
 * The playground's worker: checks each document it is sent, off the page's
 * thread, so that a large or hostile document never freezes the page (which
 * can stop the worker and start another).
 */
import {type CheckRequest, type CheckResponse, checkDocument} from './lint.js'

/** The little of a worker's global scope this uses (the project compiles without the WebWorker lib). */
interface WorkerScope {
  onmessage: ((event: {data: CheckRequest}) => void) | null
  postMessage: (response: CheckResponse) => void
}

const scope = globalThis as unknown as WorkerScope
scope.onmessage = async ({data}) => {
  try {
    scope.postMessage({id: data.id, result: await checkDocument(data.text, data.template)})
  } catch (error) {
    // The page waits for an answer to every request: a failure is one too.
    scope.postMessage({
      id: data.id,
      result: {messages: [], notice: `The check failed: ${String(error)}`, ms: 0},
    })
  }
}
