#!/usr/bin/env node
/** The `postmortem-language-server` command: ../language-server.ts in a process tuned for parsing. */
import {launch} from '../launch.js'

launch(new URL('../language-server.js', import.meta.url))
