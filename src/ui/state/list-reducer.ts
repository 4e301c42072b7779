import { DEFAULT_SORT, nextSortColumn, type SortColumn, type SortOrder } from '../model/pod-sort.js';

/** The pod list's selection, filter and sort. The selection is a pod key, so it survives refreshes and re-sorting. */
export interface ListState {
  readonly selectedKey: string | null;
  /** Where the selection was; used when its pod disappears from the list. */
  readonly selectedIndex: number;
  readonly filter: string;
  /** Whether keys are typed into the filter. */
  readonly editingFilter: boolean;
  readonly sort: SortOrder;
}

export type ListAction =
  /** Moves by `delta` rows (±Infinity: to the ends) within the visible keys. */
  | { readonly type: 'move'; readonly delta: number; readonly keys: readonly string[] }
  | { readonly type: 'filterStart' }
  | { readonly type: 'filterType'; readonly text: string }
  | { readonly type: 'filterErase' }
  | { readonly type: 'filterAccept' }
  | { readonly type: 'filterClear' }
  | { readonly type: 'sortNext' }
  | { readonly type: 'sortReverse' }
  | { readonly type: 'sortBy'; readonly column: SortColumn; readonly reversed: boolean };

export const INITIAL_LIST_STATE: ListState = { selectedKey: null, selectedIndex: 0, filter: '', editingFilter: false, sort: DEFAULT_SORT };

/** The index of the selection in the visible keys: its pod if still there, else the nearest row. */
export function selectedIndexIn(state: ListState, keys: readonly string[]): number {
  if (keys.length === 0) return -1;
  const index = state.selectedKey === null ? -1 : keys.indexOf(state.selectedKey);
  return index !== -1 ? index : Math.min(Math.max(state.selectedIndex, 0), keys.length - 1);
}

export function listReducer(state: ListState, action: ListAction): ListState {
  switch (action.type) {
    case 'move': {
      if (action.keys.length === 0) return state;
      const from = selectedIndexIn(state, action.keys);
      const to = Math.min(Math.max(from + action.delta, 0), action.keys.length - 1);
      return { ...state, selectedKey: action.keys[to] ?? null, selectedIndex: to };
    }
    case 'filterStart':
      return { ...state, editingFilter: true };
    case 'filterType':
      return { ...state, filter: state.filter + action.text, selectedIndex: 0, selectedKey: null };
    case 'filterErase':
      return { ...state, filter: state.filter.slice(0, -1) };
    case 'filterAccept':
      return { ...state, editingFilter: false };
    case 'filterClear':
      return { ...state, filter: '', editingFilter: false };
    case 'sortNext':
      return { ...state, sort: { column: nextSortColumn(state.sort.column), reversed: false } };
    case 'sortReverse':
      return { ...state, sort: { ...state.sort, reversed: !state.sort.reversed } };
    case 'sortBy':
      return { ...state, sort: { column: action.column, reversed: action.reversed } };
  }
}
