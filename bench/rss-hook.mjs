// Loaded with `node --import` into the measured process: on exit it reports that process's own
// peak resident set size (bytes) and CPU time (user + system, ms), so the benchmark needs no
// external `time` binary.
import { writeFileSync } from 'node:fs';

const target = process.env.PODMORTEM_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(target, `${usage.maxRSS * 1024} ${(usage.userCPUTime + usage.systemCPUTime) / 1000}`);
  });
}
