import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncidentFeed, IncidentSet } from '../model/incident-feed.js';
import type { Incident } from '../model/incident.js';
import type { Timeline } from './bundle.js';
import { loadReplay, TEST_CASE_FILE } from './load-replay.js';
import { FIXTURES_DIR } from './package-paths.js';

/** The capture time a fixture's test case pins, so the gallery shows the ages its test sees. */
async function pinnedCaptureTime(folder: string): Promise<string | undefined> {
  try {
    const testCase = JSON.parse(await readFile(join(folder, TEST_CASE_FILE), 'utf8')) as { capturedAt?: unknown };
    return typeof testCase.capturedAt === 'string' ? testCase.capturedAt : undefined;
  } catch {
    return undefined;
  }
}

/** Every bundled fixture folder, read as one incident set: single incidents and timelines. */
export async function loadGallery(onProgress?: (what: string) => void): Promise<IncidentSet> {
  const folders = (await readdir(FIXTURES_DIR, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const incidents: Incident[] = [];
  const timelines: Timeline[] = [];
  for (const folder of folders) {
    onProgress?.(`reading fixture ${folder}`);
    const path = join(FIXTURES_DIR, folder);
    const capturedAt = await pinnedCaptureTime(path);
    const input = await loadReplay([path], capturedAt ? { capturedAt } : {});
    incidents.push(...input.incidents);
    timelines.push(...input.timelines);
  }
  return { incidents, timelines };
}

/** The bundled incident gallery as a feed: what `npm start` opens. */
export function galleryFeed(): IncidentFeed {
  return { title: 'gallery', live: false, load: loadGallery };
}
