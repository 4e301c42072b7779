// Whether `npm run build` must run before starting from dist/: a source of the build (src/, the
// build scripts, the rule schema, tsconfig) is newer than the build's last output,
// dist/gallery.json (scripts/build-gallery.mjs writes it last). A walk of file times: a few
// milliseconds. A package installed without src/ never rebuilds.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'scripts', 'rules/schema.json', 'tsconfig.json'];
export const LAST_OUTPUT = 'dist/gallery.json';

function newestTime(path) {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestTime(join(path, entry))));
}

/** True when `root`'s dist/ is missing or older than a source; false for an install without sources. */
export function buildIsStale(root) {
  if (!existsSync(join(root, 'src'))) return false;
  const last = join(root, LAST_OUTPUT);
  if (!existsSync(join(root, 'dist/cli/main.js')) || !existsSync(last)) return true;
  const built = statSync(last).mtimeMs;
  return SOURCES.some((source) => newestTime(join(root, source)) > built);
}
