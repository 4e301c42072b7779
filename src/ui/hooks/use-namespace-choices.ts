import { useCallback, useState } from 'react';
import type { IncidentFeed } from '../../model/incident-feed.js';
import { errorText } from '../model/error-text.js';

export interface NamespaceChoices {
  /** All namespaces first (null), then the feed's namespaces; null while they load. */
  readonly choices: ReadonlyArray<string | null> | null;
  readonly error: string | null;
  /** Asks the feed for its namespaces again (each time the picker opens). */
  readonly fetch: () => void;
}

/** The namespaces a live feed can switch to, fetched when the picker opens. */
export function useNamespaceChoices(feed: IncidentFeed): NamespaceChoices {
  const [choices, setChoices] = useState<ReadonlyArray<string | null> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fetch = useCallback(() => {
    setChoices(null);
    setError(null);
    if (!feed.namespaces) {
      setChoices([null]);
      return;
    }
    feed.namespaces().then(
      (namespaces) => setChoices([null, ...namespaces]),
      (failure: unknown) => {
        setError(errorText(failure));
        setChoices([null]);
      },
    );
  }, [feed]);
  return { choices, error, fetch };
}
