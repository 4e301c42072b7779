import { createContext, useContext } from 'react';
import type { TerminalSize } from '../hooks/use-terminal-size.js';
import type { ShownSnapshot } from '../hooks/use-shown-snapshot.js';
import type { KeyBinding } from '../keys/key-bindings.js';
import type { Line } from '../model/line.js';
import type { Column } from '../model/list-columns.js';
import type { PodEntry } from '../model/pod-entry.js';
import type { FeedState } from './feed-reducer.js';
import type { ViewState } from './view-reducer.js';

export interface ListModel {
  /** Pods the filter keeps, unhealthy first. */
  readonly visible: readonly PodEntry[];
  readonly total: number;
  /** Pods failing or degraded, for the title bar. */
  readonly unhealthy: number;
  readonly selectedIndex: number;
  readonly filter: string;
  readonly editingFilter: boolean;
  readonly columns: readonly Column[];
  /** How many pod rows fit. */
  readonly viewportRows: number;
}

/** A window onto lines longer than the screen. */
export interface ScrolledLines {
  readonly lines: readonly Line[];
  readonly scroll: number;
  readonly viewportRows: number;
}

export interface DetailModel extends ScrolledLines {
  /** Null when the pod left a live list while it was open. */
  readonly entry: PodEntry | null;
  readonly shown: ShownSnapshot | null;
}

export interface PickerModel {
  /** Namespaces to switch to; null entry means all namespaces. Null while they load. */
  readonly choices: ReadonlyArray<string | null> | null;
  readonly error: string | null;
  readonly index: number;
}

/** Everything the screens draw, computed by the controller; components only read it. */
export interface UiState {
  readonly size: TerminalSize;
  readonly feed: FeedState;
  /** The feed's error, wrapped to the width, shown under the title bar. */
  readonly errorLines: readonly Line[];
  readonly list: ListModel;
  readonly view: ViewState;
  readonly detail: DetailModel;
  readonly help: ScrolledLines;
  readonly picker: PickerModel;
  /** Key hints for what is on screen now, from the key table. */
  readonly hints: readonly KeyBinding[];
}

export const UiStateContext = createContext<UiState | null>(null);

/** The UI state; only components inside the UI's root may ask for it. */
export function useUiState(): UiState {
  const state = useContext(UiStateContext);
  if (!state) throw new Error('useUiState() used outside <UiStateContext.Provider>');
  return state;
}
