// Loaded with `node --import ./bench/thread-cpu.mjs` into a replay: on exit it prints, on standard
// error, the CPU time (user + system) of each of the process's threads, as Linux accounts it in
// /proc/self/task. A --cpu-prof profile samples time on the thread, CPU or not: on a loaded
// machine a call that waits (postMessage was 4-8% of the worker's samples) looks as costly as
// one that computes, and the threads V8 runs beside the isolates (its optimizing compiler, the
// garbage collector's helpers) are not profiled at all. Measured at 10,000 pods on 2 cores (main
// fff68a7): the worker 2.9 s, the main thread 1.0 s, the other threads 2.2 s of 6.1 s; under
// `node --no-concurrent-recompilation` the other threads take 0.5 s and the worker 4.1 s, so
// most of their time is V8 compiling optimized code (each isolate compiles its own).
// A worker that has ended is gone from /proc, so every thread is read every 20 ms from the main
// thread and its last figure kept. Linux only; elsewhere it prints nothing.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const TASKS = '/proc/self/task';
/** Kernel clock ticks per second (USER_HZ): 100 on every Linux that Node supports. */
const TICKS_PER_SECOND = 100;
const POLL_MS = 20;

/** A thread's user + system CPU in ms, or null once it has ended. Fields 14 and 15 of stat, counted after the name, which may hold spaces. */
function cpuMs(tid) {
  let stat;
  try {
    stat = readFileSync(`${TASKS}/${tid}/stat`, 'utf8');
  } catch {
    return null;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

if (isMainThread && existsSync(TASKS)) {
  const lastSeen = new Map();
  const poll = () => {
    for (const tid of readdirSync(TASKS)) {
      const ms = cpuMs(tid);
      if (ms !== null) lastSeen.set(tid, ms);
    }
  };
  setInterval(poll, POLL_MS).unref();
  process.on('exit', () => {
    poll();
    const main = lastSeen.get(String(process.pid)) ?? 0;
    const others = [...lastSeen].filter(([tid]) => tid !== String(process.pid)).map(([, ms]) => ms).sort((a, b) => b - a);
    const total = main + others.reduce((sum, ms) => sum + ms, 0);
    // With one replay worker it is the busiest thread after the main one; the rest are V8's and libuv's.
    process.stderr.write(`thread-cpu: main ${main} ms, busiest other ${others[0] ?? 0} ms, the other ${Math.max(others.length - 1, 0)} threads ${total - main - (others[0] ?? 0)} ms (${others.slice(1, 6).join(' + ')}${others.length > 6 ? ' + ...' : ''}), total ${total} ms\n`);
  });
}
