// Bundles the extension, the CLI, the lazily loaded cluster and demo bundles, and the webview.
// `node esbuild.mjs [--watch] [--production]`
import * as esbuild from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// Dynamic imports of these modules stay out of the importing bundle and load dist/<name>.js at run
// time, so that activation and `pod-doctor lint` never pay for @kubernetes/client-node.
const lazyModules = {
  cluster: 'src/cluster/index.ts',
  demo: 'src/demo/index.ts',
  // The API's field descriptions (~190 KB), needed only when a hover shows one.
  schema: 'src/core/schema/index.ts',
};

/** @type {esbuild.Plugin} */
const lazyBundles = {
  name: 'lazy-bundles',
  setup(build) {
    build.onResolve({ filter: /(^|\/)(cluster|demo|schema)\/index(\.ts)?$/ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const name = /(cluster|demo|schema)\/index/.exec(args.path)?.[1];
      if (!name || build.initialOptions.entryPoints?.[name]) return undefined;
      return { path: `./${name}.js`, external: true };
    });
  },
};

/** @type {esbuild.Plugin} */
const cliMain = {
  name: 'cli-main',
  setup(build) {
    build.onResolve({ filter: /^\.\/cli-main\.js$/ }, () => ({ path: './cli-main.js', external: true }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  define: {
    __POD_DOCTOR_VERSION__: JSON.stringify(
      JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version,
    ),
  },
  plugins: [lazyBundles],
  external: ['vscode'],
  // client-node pulls optional native/websocket helpers we never call.
  mainFields: ['module', 'main'],
};

export const builds = [
  { ...common, entryPoints: { extension: 'src/extension/extension.ts' }, outdir: 'dist' },
  // `pod-doctor` is a small entry (src/cli/bin.ts) that turns on Node's compile cache and then loads
  // the CLI's bundle, cli-main.js: a bundle loaded after the cache is on is not compiled again.
  {
    ...common,
    entryPoints: { cli: 'src/cli/bin.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [cliMain],
  },
  { ...common, entryPoints: { 'cli-main': 'src/cli/main.ts' }, outdir: 'dist' },
  ...Object.entries(lazyModules).map(([name, entry]) => ({
    ...common,
    entryPoints: { [name]: entry },
    outdir: 'dist',
  })),
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    external: [],
    entryPoints: { explain: 'src/webview/main.ts' },
    outdir: 'dist/webview',
  },
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    external: [],
    entryPoints: { triage: 'src/webview/triage.ts' },
    outdir: 'dist/webview',
  },
].filter((b) => existsSync(join(root, Object.values(b.entryPoints)[0])));

function copyMedia() {
  const out = join(root, 'dist', 'media', 'codicons');
  mkdirSync(out, { recursive: true });
  for (const f of ['codicon.css', 'codicon.ttf']) {
    cpSync(join(root, 'node_modules', '@vscode', 'codicons', 'dist', f), join(out, f));
  }
}

const runAsScript = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (runAsScript) {
  copyMedia();
  if (watch) {
    const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
    await Promise.all(contexts.map((c) => c.watch()));
    console.log(`esbuild: watching ${builds.length} bundles`);
  } else {
    const results = await Promise.all(builds.map((b) => esbuild.build({ ...b, metafile: true })));
    for (const r of results) {
      for (const [file, info] of Object.entries(r.metafile.outputs)) {
        if (!file.endsWith('.js')) continue;
        console.log(`${file.padEnd(32)} ${(info.bytes / 1024).toFixed(1)} KB`);
        if (process.argv.includes('--analyze')) {
          const inputs = Object.entries(info.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
          for (const [input, { bytesInOutput }] of inputs.slice(0, 8)) {
            console.log(`    ${(bytesInOutput / 1024).toFixed(1).padStart(7)} KB  ${input}`);
          }
        }
      }
    }
  }
}
