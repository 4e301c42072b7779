import type { IncidentFeed } from '../model/incident-feed.js';
import { loadReplay, type ReplayOptions } from './load-replay.js';

/** Recorded files (kubectl output, describe text, bundles) as a feed: what `podmortem replay` opens. */
export function replayFeed(paths: readonly string[], options: ReplayOptions = {}): IncidentFeed {
  return {
    title: `replay ${paths.join(' ')}`,
    live: false,
    async load(onProgress) {
      onProgress?.(`reading ${paths.join(', ')}`);
      return loadReplay(paths, options);
    },
  };
}
