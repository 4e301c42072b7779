import { createContext, useContext } from 'react';
import type { TerminalSize } from '../hooks/use-terminal-size.js';
import type { ShownSnapshot } from '../hooks/use-shown-snapshot.js';
import type { KeyBinding } from '../keys/key-bindings.js';
import type { CommandRef, DetailContent } from '../model/detail-content.js';
import type { Line } from '../model/line.js';
import type { Column } from '../model/list-columns.js';
import type { LogSelection } from '../model/logs-lines.js';
import type { PodEntry } from '../model/pod-entry.js';
import type { SortOrder } from '../model/pod-sort.js';
import type { Tone } from '../theme/theme.js';
import type { FeedState } from './feed-reducer.js';
import type { PickerKind, ViewState } from './view-reducer.js';

export interface ListModel {
  /** Pods the filter keeps, unhealthy first. */
  readonly visible: readonly PodEntry[];
  readonly total: number;
  /** Pods whose root cause is a warning or worse (isUnhealthy), for the title bar. */
  readonly unhealthy: number;
  /** Pods whose worst finding is informational. */
  readonly info: number;
  readonly selectedIndex: number;
  readonly filter: string;
  /** A filter word that could not be read as intended (a regex that does not compile). */
  readonly filterProblem: string | null;
  readonly editingFilter: boolean;
  readonly columns: readonly Column[];
  readonly sort: SortOrder;
  readonly sortArrow: string;
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
  readonly content: DetailContent;
  /** How far wide lines are scrolled sideways. */
  readonly side: number;
  /** The Findings tab's selected command, what c copies and P prints. */
  readonly selectedCommand: CommandRef | null;
  /** The log the Logs tab shows. */
  readonly logSelection: LogSelection | null;
}

/** A one-line message in place of the key hints until the next key (copied, an unknown command). */
export interface Flash {
  readonly text: string;
  readonly tone: Tone;
}

export interface PromptModel {
  /** What was typed after `:`. */
  readonly text: string;
  /** Names the last word could become (Tab completes). */
  readonly completions: readonly string[];
}

export interface PickerModel {
  readonly kind: PickerKind;
  /** Namespaces or contexts to switch to; a null entry means all namespaces. Null while they load. */
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
  /** The `:` command line while it is open. */
  readonly prompt: PromptModel | null;
  readonly flash: Flash | null;
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
