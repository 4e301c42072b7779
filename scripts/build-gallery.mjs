// Saves the bundled incident gallery (every fixture folder, read as `podmortem replay` reads it)
// as one bundle file, dist/gallery.json, so `npm start` reads one JSON file instead of parsing
// fifty folders of YAML. It records a fingerprint of the fixture files; when they change, the
// gallery is read from the folders again until the next build.
import { writeFile } from 'node:fs/promises';
import { createBundle } from '../dist/sources/bundle.js';
import { galleryFingerprint, loadGalleryFromFixtures, PREBUILT_GALLERY } from '../dist/sources/gallery-feed.js';

const set = await loadGalleryFromFixtures();
const bundle = { ...createBundle(set.incidents, set.timelines, 'podmortem build'), fingerprint: await galleryFingerprint() };
await writeFile(PREBUILT_GALLERY, JSON.stringify(bundle));
