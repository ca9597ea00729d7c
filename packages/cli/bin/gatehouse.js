#!/usr/bin/env node
// The linked `gatehouse` bin: committed (and executable) so that npm can link it at `npm ci`
// time, before `prepare` has built dist/.
import '../dist/bin.js'
