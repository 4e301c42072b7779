import { useInput, type Key } from 'ink';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { splitInput } from '../keys/split-input.js';

/**
 * Feeds key presses to `handle` one at a time, each only after React has rendered what the
 * previous one did. Keys can arrive faster than that (a burst, a paste, `/oom` and Enter in one
 * read); handled at once, the later ones would act on the screen as it was before the first.
 * Until `ready` (the first pods are shown), keys wait in the queue, so what was typed while the
 * UI started acts on the list it was meant for; only `urgent` keys go through at once: the one at
 * the head of the queue (`q` typed first quits; in `/q` it is text), or an `interrupt` anywhere
 * (Ctrl-C).
 */
export function useKeyQueue(
  handle: (input: string, key: Key) => void,
  ready: boolean,
  urgent: (input: string, key: Key) => boolean,
  interrupt: (input: string, key: Key) => boolean,
): void {
  const latest = useRef({ handle, ready, urgent, interrupt });
  latest.current = { handle, ready, urgent, interrupt };
  const queue = useRef<Array<[string, Key]>>([]);
  const waitingForRender = useRef(false);
  const [handled, setHandled] = useState(0);

  const step = useCallback(() => {
    if (waitingForRender.current) return;
    const { ready: isReady, urgent: isUrgent, interrupt: interrupts, handle: run } = latest.current;
    const head = queue.current[0];
    const index = isReady || (head && isUrgent(...head)) ? 0 : queue.current.findIndex(([input, key]) => interrupts(input, key));
    if (index === -1 || index >= queue.current.length) return;
    const [next] = queue.current.splice(index, 1);
    waitingForRender.current = true;
    run(...next!);
    // Even a key that changes nothing re-renders, so the queue never stalls.
    setHandled((n) => n + 1);
  }, []);

  // A layout effect runs as the render commits, so the next key does not wait for passive effects.
  useLayoutEffect(() => {
    waitingForRender.current = false;
    step();
  }, [handled, ready, step]);

  const onInput = useCallback(
    (input: string, key: Key) => {
      queue.current.push(...splitInput(input, key));
      step();
    },
    [step],
  );
  useInput(onInput);
}
