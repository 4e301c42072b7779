import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { IncidentFeed, IncidentSet } from '../model/incident-feed.js';
import type { Incident } from '../model/incident.js';
import type { Timeline } from './bundle.js';
import { parseBundle } from './bundle.js';
import { loadReplay } from './load-replay.js';
import { FIXTURES_DIR, PACKAGE_ROOT } from './package-paths.js';
import { findTestCaseFolders } from './test-case-folders.js';

/** The gallery as the build saved it (scripts/build-gallery.mjs): one JSON file instead of fifty YAML folders. */
export const PREBUILT_GALLERY = resolve(PACKAGE_ROOT, 'dist/gallery.json');

/** Every fixture folder relative to fixtures/, nested ones (fixtures/recorded/NAME) included. */
async function fixtureFolders(): Promise<string[]> {
  return (await findTestCaseFolders(FIXTURES_DIR)).map((folder) => folder.name);
}

/** Names, sizes and times of every fixture file: the prebuilt gallery is used only while it matches. */
export async function galleryFingerprint(): Promise<string> {
  const parts = await Promise.all(
    (await fixtureFolders()).map(async (folder) => {
      const path = join(FIXTURES_DIR, folder);
      const files = (await readdir(path)).sort();
      const stats = await Promise.all(files.map(async (file) => ({ file, info: await stat(join(path, file)) })));
      return stats.map(({ file, info }) => `${folder}/${file}:${info.size}:${Math.round(info.mtimeMs)}`).join('|');
    }),
  );
  return parts.join('\n');
}

/** Every bundled fixture folder, read from the folders themselves as `podmortem replay FOLDER` reads each (its pinned capture time included). */
export async function loadGalleryFromFixtures(onProgress?: (what: string) => void): Promise<IncidentSet> {
  const folders = await fixtureFolders();
  onProgress?.(`reading ${folders.length} fixtures`);
  const inputs = await Promise.all(
    folders.map((folder) => loadReplay([join(FIXTURES_DIR, folder)])),
  );
  const incidents: Incident[] = inputs.flatMap((input) => input.incidents);
  const timelines: Timeline[] = inputs.flatMap((input) => input.timelines);
  return { incidents, timelines };
}

async function readPrebuilt(): Promise<IncidentSet | null> {
  try {
    const saved = JSON.parse(await readFile(PREBUILT_GALLERY, 'utf8')) as Record<string, unknown>;
    if (saved.fingerprint !== (await galleryFingerprint())) return null;
    const bundle = parseBundle(PREBUILT_GALLERY, saved);
    return { incidents: bundle.incidents, timelines: bundle.timelines ?? [] };
  } catch {
    return null;
  }
}

/** Every bundled fixture: the prebuilt gallery when it is current, else the fixture folders. */
export async function loadGallery(onProgress?: (what: string) => void): Promise<IncidentSet> {
  return (await readPrebuilt()) ?? loadGalleryFromFixtures(onProgress);
}

/** The bundled incident gallery as a feed: what `npm start` opens. */
export function galleryFeed(): IncidentFeed {
  return { title: 'gallery', live: false, load: loadGallery };
}
