// The floor a replay is measured against: read each file into one string and JSON.parse it,
// nothing kept. Any tool that reads these files whole pays at least this.
// `node bench/floor.mjs FILE...`
import { readFile } from 'node:fs/promises';

for (const file of process.argv.slice(2)) JSON.parse(await readFile(file, 'utf8'));
