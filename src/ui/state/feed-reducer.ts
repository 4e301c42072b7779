import type { IncidentFeed } from '../../model/incident-feed.js';
import type { PodEntry } from '../model/pod-entry.js';

/** What the UI knows about its feed: the pods so far, what is being fetched, and the last error. */
export interface FeedState {
  readonly feed: IncidentFeed;
  readonly entries: readonly PodEntry[];
  /** What is being fetched right now, for the spinner; null when idle. */
  readonly loading: string | null;
  /** The last load's error, in the words the CLI would print; cleared by the next success. */
  readonly error: string | null;
  /** Whether any load has succeeded; the list says "no pods" only then. */
  readonly loaded: boolean;
}

export type FeedAction =
  | { readonly type: 'loading'; readonly what: string }
  | { readonly type: 'loaded'; readonly entries: readonly PodEntry[] }
  | { readonly type: 'failed'; readonly message: string }
  /** Another namespace of a live feed: the old pods stay until the new ones arrive. */
  | { readonly type: 'switchFeed'; readonly feed: IncidentFeed };

export function initialFeedState(feed: IncidentFeed): FeedState {
  return { feed, entries: [], loading: `loading ${feed.title}`, error: null, loaded: false };
}

export function feedReducer(state: FeedState, action: FeedAction): FeedState {
  switch (action.type) {
    case 'loading':
      return { ...state, loading: action.what };
    case 'loaded':
      return { ...state, entries: action.entries, loading: null, error: null, loaded: true };
    case 'failed':
      return { ...state, loading: null, error: action.message };
    case 'switchFeed':
      return { ...state, feed: action.feed, loading: `loading ${action.feed.title}`, error: null };
  }
}
