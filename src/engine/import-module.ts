/**
 * import() of a module loaded at run time rather than bundled (ajv, json-rules-engine, the
 * cluster client, the UI bundle, the precompiled rule schema). The bundled command line that runs
 * with V8's code cache (src/cli/cached-bundle.ts) cannot call import() itself: code V8 takes from
 * a cache loses Node's import hook. Its build (scripts/bundle-cli.mjs) replaces this module with
 * one that asks the launcher, an ES module, to import.
 */
export function importModule<T>(specifier: string): Promise<T> {
  return import(specifier) as Promise<T>;
}
