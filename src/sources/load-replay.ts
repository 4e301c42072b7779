import { readdir, readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ContainerLogs, Incident } from '../model/incident.js';
import { assembleIncidents } from './assemble-incidents.js';
import type { Timeline } from './bundle.js';
import { entryInFolder } from './folder-entry.js';
import { InputError } from './input-error.js';
import { collectObjects, emptyObjects, type KubeObjects } from './kube-objects.js';
import { parseDocuments } from './parse-documents.js';
import { scrubIncident, scrubTimeline } from './redaction/scrub-incident.js';
import { collectFromText, replaceStandInPods } from './text-input.js';

export interface ReplayOptions {
  /** `--logs CONTAINER=FILE`: previous-instance logs by container. */
  readonly logFiles?: ReadonlyArray<{ container: string; file: string }>;
  readonly capturedAt?: string;
  /** Reads standard input for `-`. */
  readonly readStdin?: () => Promise<string>;
}

export interface ReplayInput {
  readonly incidents: Incident[];
  readonly timelines: Timeline[];
}

/** A folder's test-case manifest (expected findings), not evidence. */
export const TEST_CASE_FILE = 'podmortem-test.json';

const EVIDENCE_FILE = /\.(json|ya?ml|txt|describe)$/i;
const LOG_FILE = /^(.+?)(\.previous)?\.log$/;

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${path}: no such file`);
    if (code === 'EACCES') throw new InputError(`${path}: permission denied`);
    if (code === 'EISDIR') throw new InputError(`${path} is a directory`);
    throw new InputError(`${path}: cannot read (${code ?? (error as Error).message})`);
  }
}

/** Expands folders: evidence files in name order, and `CONTAINER[.previous].log` files as logs. */
async function expandPaths(paths: readonly string[]): Promise<{ files: string[]; logs: ContainerLogs[] }> {
  const files: string[] = [];
  const logs: ContainerLogs[] = [];
  for (const path of paths) {
    if (path === '-') {
      files.push(path);
      continue;
    }
    let isDirectory = false;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch {
      throw new InputError(`${path}: no such file or folder`);
    }
    if (!isDirectory) {
      files.push(path);
      continue;
    }
    const entries = (await readdir(path)).sort();
    for (const entry of entries) {
      const log = LOG_FILE.exec(entry);
      if (log?.[1]) {
        const text = await readText(await entryInFolder(path, entry));
        logs.push(log[2] ? { container: log[1], previous: text } : { container: log[1], current: text });
      } else if (EVIDENCE_FILE.test(entry) && entry !== TEST_CASE_FILE) {
        files.push(await entryInFolder(path, entry));
      }
    }
  }
  return { files, logs };
}

function mergeLogs(logs: readonly ContainerLogs[]): ContainerLogs[] {
  const byContainer = new Map<string, ContainerLogs>();
  for (const log of logs) byContainer.set(log.container, { ...byContainer.get(log.container), ...log });
  return [...byContainer.values()];
}

/** Reads every replay input into incidents: bundles as they are, loose objects joined into incidents. */
export async function loadReplay(paths: readonly string[], options: ReplayOptions = {}): Promise<ReplayInput> {
  if (paths.length === 0) throw new InputError('no input: give one or more files, folders, or - for standard input');
  const { files, logs } = await expandPaths(paths);
  for (const { container, file } of options.logFiles ?? []) logs.push({ container, previous: await readText(file) });
  const objects: KubeObjects = emptyObjects();
  let sawText = false;
  for (const file of files) {
    const label = file === '-' ? 'standard input' : basename(file) === file ? file : file;
    const text = file === '-' ? await (options.readStdin ?? readStdin)() : await readText(file);
    const parsed = parseDocuments(label, text);
    if (parsed.format === 'text') {
      collectFromText(label, parsed.text, objects, {
        ...(options.capturedAt ? { capturedAt: options.capturedAt } : {}),
        ...(parsed.syntaxError ? { syntaxError: parsed.syntaxError } : {}),
      });
      sawText = true;
      continue;
    }
    for (const document of parsed.documents) collectObjects(label, document, objects);
  }
  replaceStandInPods(objects);
  const incidents: Incident[] = [];
  const timelines: Timeline[] = [];
  for (const bundle of objects.bundles) {
    incidents.push(...bundle.incidents);
    timelines.push(...(bundle.timelines ?? []));
  }
  if (objects.pods.length) {
    incidents.push(
      ...assembleIncidents(objects, {
        files,
        kind: sawText ? 'describe' : 'file',
        logs: mergeLogs(logs),
        ...(options.capturedAt ? { capturedAt: options.capturedAt } : {}),
      }),
    );
  }
  if (incidents.length === 0 && timelines.length === 0) {
    const what = objects.events.length ? 'only events' : objects.nodes.length ? 'only a Node' : 'no pods';
    throw new InputError(`${files.join(', ')} hold ${what}: add the pod itself (kubectl get pod NAME -o yaml)`);
  }
  // The replay boundary: whatever the files held, nothing downstream sees a secret in it.
  return {
    incidents: incidents.map(scrubIncident),
    timelines: timelines.map(scrubTimeline),
  };
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new InputError('- reads standard input, but nothing is piped in: e.g. kubectl get pod NAME -o yaml | podmortem replay -');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
