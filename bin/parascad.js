#!/usr/bin/env node
// The bundled command line (scripts/build-cli.ts): one file to load instead of ~200 modules.
import { runCli } from '../dist/cli-bundle/parascad.js';

await runCli();
