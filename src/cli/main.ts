/**
 * The entry point bin/transfer-studio.mjs hands over to: runs the command line (./program) on the process's
 * arguments and exits with its code.
 */
import { main } from './program';

const code = await main(process.argv);
// Exit once stdout has drained; tfjs backends may hold handles that would otherwise keep the process alive.
process.stdout.write('', () => process.exit(code));
