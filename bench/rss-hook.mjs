// Loaded with `node --import` into the measured process: on exit it reports that process's own
// peak resident set size, so the benchmark needs no external `time` binary.
import { writeFileSync } from 'node:fs';

const target = process.env.PODMORTEM_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS * 1024));
  });
}
