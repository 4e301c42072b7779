import { POD_KEYS } from './describe-keys.js';
import { keyValue } from './key-value.js';
import type { PasteLine } from './paste-lines.js';

function nextKey(lines: readonly PasteLine[], from: number): string | null {
  for (let i = from; i < lines.length; i++) {
    const text = lines[i]?.text;
    if (text) return keyValue(text)?.key ?? null;
  }
  return null;
}

/**
 * Splits a paste into one block per pod. `kubectl describe pods` prints pods one after another,
 * each opening with `Name:` then `Namespace:`; a `Name:` without it still opens a pod once the
 * block has had its containers or events, unless it sits in a Volumes section (a ConfigMap's name).
 * A second Events table with no pod header between stands for another pod's events.
 */
export function splitPods(lines: readonly PasteLine[]): PasteLine[][] {
  const blocks: PasteLine[][] = [];
  let block: PasteLine[] = [];
  let lastPodKey: string | null = null;
  let sawBody = false;
  let sawEvents = false;
  const startBlock = () => {
    if (block.some((l) => l.text)) blocks.push(block);
    block = [];
    lastPodKey = null;
    sawBody = false;
    sawEvents = false;
  };
  lines.forEach((line, index) => {
    const key = line.text ? keyValue(line.text)?.key : undefined;
    if (key === 'Name') {
      const opensPod = nextKey(lines, index + 1) === 'Namespace' || (sawBody && lastPodKey !== 'Volumes');
      if (opensPod && block.some((l) => l.text)) startBlock();
    } else if (key === 'Events' && sawEvents) {
      startBlock();
    }
    if (key && POD_KEYS.has(key)) {
      lastPodKey = key;
      if (key === 'Containers' || key === 'Events') sawBody = true;
      if (key === 'Events') sawEvents = true;
    }
    block.push(line);
  });
  startBlock();
  return blocks;
}
