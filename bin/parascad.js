#!/usr/bin/env node
// The bundled command line (scripts/build-cli.ts): one file to load instead of ~200 modules.
// From Node 22.1, V8's compiled code of what it loads is kept on disk (Node's own cache folder in
// the OS temporary folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off): with Node 22.23 here the
// first part of a run started ~22 ms sooner and `list` answered ~10 ms sooner. Node 20 has no
// such cache. Called before the bundle is imported, which is why that import is dynamic.
import module from 'node:module';

module.enableCompileCache?.();
const { runCli } = await import('../dist/cli-bundle/parascad.js');
await runCli();
