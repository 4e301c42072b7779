import { useCallback, useState } from 'react';
import type { IncidentFeed } from '../../model/incident-feed.js';
import { errorText } from '../model/error-text.js';
import type { PickerKind } from '../state/view-reducer.js';

export interface PickerChoices {
  /** For namespaces: all namespaces first (null), then the feed's; for contexts: the kubeconfig's. Null while they load. */
  readonly choices: ReadonlyArray<string | null> | null;
  readonly error: string | null;
  /** Asks the feed again (each time a picker or the prompt opens). */
  readonly fetch: () => void;
}

/** The namespaces or contexts a live feed can switch to, fetched when a picker or the prompt asks. */
export function usePickerChoices(feed: IncidentFeed, kind: PickerKind): PickerChoices {
  const [choices, setChoices] = useState<ReadonlyArray<string | null> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fetch = useCallback(() => {
    setChoices(null);
    setError(null);
    const source = kind === 'namespace' ? feed.namespaces : feed.contexts;
    const head: Array<string | null> = kind === 'namespace' ? [null] : [];
    if (!source) {
      setChoices(head);
      return;
    }
    source.call(feed).then(
      (names) => setChoices([...head, ...names]),
      (failure: unknown) => {
        setError(errorText(failure));
        setChoices(head);
      },
    );
  }, [feed, kind]);
  return { choices, error, fetch };
}

/** The names in a choice list, without the "all namespaces" entry. */
export function choiceNames(picker: PickerChoices): string[] {
  return (picker.choices ?? []).filter((c): c is string => c !== null);
}
