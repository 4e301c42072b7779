import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root (dist/sources/ is two levels below it). */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const FIXTURES_DIR = resolve(PACKAGE_ROOT, 'fixtures');
