#!/usr/bin/env node
// closer-conformance: which point of the space of widget SDKs a widget.js occupies
// (docs/widget-sdk.md). The code is in conformance/.
import { main } from '../conformance/cli.js';

process.exitCode = await main();
