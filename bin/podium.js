#!/usr/bin/env node
// Podium's CLI. Node 24 runs the TypeScript sources directly (type stripping); there is no build step.
import '../src/cli/main.ts';
