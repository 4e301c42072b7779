import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

/**
 * The command line as one CommonJS script (scripts/bundle-cli.mjs), run through V8 with the code
 * cache the build trained on a few replays (scripts/train-code-cache.mjs). Node 20 keeps no
 * compiled code for ES modules (module.enableCompileCache is 22.1+): every start compiled ~700 KB
 * of modules, then each function on its first call, about a third of a one-pod replay. With the
 * cache V8 takes the bytecode as it was left after those replays.
 */
export const BUNDLE = new URL('./main.bundle.cjs', import.meta.url);
export const CODE_CACHE = new URL('./main.bundle.cache', import.meta.url);
/** The same command line as ES modules: for the commands too quick to gain from the cache, or when the bundle is missing. */
export const MODULE_ENTRY = new URL('./main-esm.js', import.meta.url);

/**
 * The build's id ends the bundle and starts the cache: V8 checks a cache only against the length
 * of the source, so a cache is handed to V8 only with the very bundle it was made from.
 */
const BUILD_ID_LINE = /\n\/\/ podmortem build ([0-9a-f]{8,64})\n$/;

/** Help and version print a constant text: reading and loading a cache would cost them more than it saves. */
const QUICK_ARGUMENTS: ReadonlySet<string | undefined> = new Set([undefined, '-h', '--help', 'help', '--version', '-v']);

/** The last line the build appends to the bundle. */
export function buildIdLine(id: string): string {
  return `\n// podmortem build ${id}\n`;
}

export interface LoadedBundle {
  readonly source: string;
  readonly buildId: string;
  /** V8's cached data for this very bundle, if the build made it. */
  readonly cache?: Buffer;
}

/** The bundle and its cache, or null when there is no bundle (then the ES modules run). */
export function loadBundle(withCache = true): LoadedBundle | null {
  let source: string;
  try {
    source = readFileSync(BUNDLE, 'utf8');
  } catch {
    return null;
  }
  const buildId = BUILD_ID_LINE.exec(source)?.[1];
  if (!buildId) return null;
  return { source, buildId, cache: withCache ? cacheFor(buildId) : undefined };
}

/** The cache file is the build id, a newline, then V8's data. */
export function cacheFileContent(buildId: string, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`${buildId}\n`), data]);
}

function cacheFor(buildId: string): Buffer | undefined {
  let saved: Buffer;
  try {
    saved = readFileSync(CODE_CACHE);
  } catch {
    return undefined;
  }
  const header = Buffer.from(`${buildId}\n`);
  return saved.subarray(0, header.length).equals(header) ? saved.subarray(header.length) : undefined;
}

/** Compiles the bundle as Node compiles a CommonJS file. */
export function compileBundle(bundle: LoadedBundle): vm.Script {
  return new vm.Script(`(function (exports, require, module, __filename, __dirname, __podmortemImportMetaUrl, __podmortemImport) {${bundle.source}\n})`, {
    filename: fileURLToPath(BUNDLE),
    cachedData: bundle.cache,
  });
}

/**
 * import() on the bundle's behalf (see engine/import-module.ts): code V8 takes from a cache loses
 * Node's import hook, and the specifiers (bare package names, file URLs) resolve the same from here.
 */
function importForBundle(specifier: string): Promise<unknown> {
  return import(specifier);
}

/** Runs the command line once (it reads process.argv as ever). */
export function runBundle(script: vm.Script): void {
  const file = fileURLToPath(BUNDLE);
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {} };
  run(module.exports, createRequire(BUNDLE), module, file, dirname(file), BUNDLE.href, importForBundle);
}

/** Starts the command line: the cached bundle when it can, else the ES modules. */
export async function startCli(): Promise<void> {
  const bundle = QUICK_ARGUMENTS.has(process.argv[2]) ? null : loadBundle();
  if (bundle) runBundle(compileBundle(bundle));
  else await import(MODULE_ENTRY.href);
}
