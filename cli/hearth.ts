/** The `hearth` command. Run it as `npx hearth ...` (bin/hearth.js) or `npm run hearth -- ...`. */
import { processIo, runCli } from './commands';

process.exitCode = await runCli(process.argv.slice(2), processIo());
