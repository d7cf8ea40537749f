/**
 * The `pod-doctor` command. It turns on Node's compile cache first, so that a run loads the CLI's
 * bundle (dist/cli-main.js, about 700 KB) already compiled by an earlier run instead of compiling it
 * again; then it runs the CLI. The cache is Node's own (a folder under the system's temporary
 * folder, or NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off).
 */
import { enableCompileCache } from 'node:module';

try {
  enableCompileCache();
} catch {
  // A read-only temporary folder or an older Node: the CLI runs the same, only compiled afresh.
}
// A plain require: a dynamic import() would start Node's ES module loader, which costs more than
// the cache saves. esbuild leaves this path to the bundle next to this one.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
require('./cli-main.js');
