#!/usr/bin/env node
// The `hearth` command (package.json "bin"): runs cli/hearth.ts through tsx, so no build step is needed.
import { register } from 'tsx/esm/api';

register();
await import('../cli/hearth.ts');
