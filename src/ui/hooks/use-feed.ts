import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { IncidentFeed, IncidentSet } from '../../model/incident-feed.js';
import { buildEntries } from '../model/build-entries.js';
import type { DiagnosisCache } from '../model/diagnosis-cache.js';
import { errorText } from '../model/error-text.js';
import { feedReducer, initialFeedState, type FeedState } from '../state/feed-reducer.js';

const PROGRESS_INTERVAL_MS = 200;

export interface FeedControls {
  readonly state: FeedState;
  /** Loads the feed again (`r`). */
  readonly refresh: () => void;
  /** Switches a live feed to another namespace; null means all namespaces. */
  readonly switchNamespace: (namespace: string | null) => void;
  /** Switches a live feed to another kubeconfig context. */
  readonly switchContext: (context: string) => void;
}

/**
 * Loads the feed, diagnoses what it delivers and follows its watch. A newer load (refresh,
 * namespace switch) silences every callback of the older one, so stale data never lands.
 */
export function useFeed(initial: IncidentFeed, cache: DiagnosisCache): FeedControls {
  const [state, dispatch] = useReducer(feedReducer, initial, initialFeedState);
  const [reloads, setReloads] = useState(0);
  const generation = useRef(0);

  useEffect(() => {
    const feed = state.feed;
    const mine = ++generation.current;
    const isCurrent = () => generation.current === mine;
    let shown = 0;
    let lastProgress = 0;
    // Every progress line redraws the screen; a few a second say enough and leave the CPU to loading.
    const progress = (what: string) => {
      const now = Date.now();
      if (!isCurrent() || now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = now;
      dispatch({ type: 'loading', what });
    };
    const fail = (error: unknown) => {
      if (isCurrent()) dispatch({ type: 'failed', message: errorText(error) });
    };
    const show = async (set: IncidentSet) => {
      const order = ++shown;
      const entries = await buildEntries(set, cache, progress);
      // A watch can deliver faster than diagnosis: only the newest set may land.
      if (isCurrent() && order === shown) dispatch({ type: 'loaded', entries });
    };
    let stopWatching: (() => void) | undefined;
    feed
      .load(progress)
      .then(show)
      .then(() => {
        if (isCurrent() && feed.watch) stopWatching = feed.watch((set) => show(set).catch(fail), fail);
      })
      .catch(fail);
    return () => {
      generation.current++;
      stopWatching?.();
    };
  }, [state.feed, reloads, cache]);

  const refresh = useCallback(() => {
    dispatch({ type: 'loading', what: `refreshing ${state.feed.title}` });
    setReloads((n) => n + 1);
  }, [state.feed]);

  const switchNamespace = useCallback(
    (namespace: string | null) => {
      const next = state.feed.withNamespace?.(namespace);
      if (next) dispatch({ type: 'switchFeed', feed: next });
    },
    [state.feed],
  );

  const switchContext = useCallback(
    (context: string) => {
      try {
        const next = state.feed.withContext?.(context);
        if (next) dispatch({ type: 'switchFeed', feed: next });
      } catch (error) {
        dispatch({ type: 'failed', message: errorText(error) });
      }
    },
    [state.feed],
  );

  return { state, refresh, switchNamespace, switchContext };
}
