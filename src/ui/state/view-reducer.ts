import { DETAIL_TABS, type DetailTab } from '../keys/key-bindings.js';
import type { LogRequest } from '../model/logs-lines.js';

/** The screens the UI can show; help and the pickers open over another screen. */
export type Screen = 'list' | 'detail' | 'help' | 'picker';

/** What a picker chooses: a namespace (`n`, `:ns`) or a kubeconfig context (`:ctx`). */
export type PickerKind = 'namespace' | 'context';

export interface ViewState {
  readonly screen: Screen;
  /** The screen help or a picker returns to. */
  readonly under: 'list' | 'detail';
  /** Key of the pod the detail screen shows. */
  readonly openKey: string | null;
  readonly tab: DetailTab;
  /** First line shown in the detail tab. */
  readonly scroll: number;
  /** How far long lines (commands, logs, describe, YAML) are scrolled sideways. */
  readonly side: number;
  /** The selected command of the Findings tab (index among its commands). */
  readonly command: number;
  /** Which log the Logs tab shows. */
  readonly logs: LogRequest;
  /** Logs, describe and YAML wrapped instead of scrolled sideways. */
  readonly wrap: boolean;
  readonly helpScroll: number;
  /** The timeline snapshot shown (index, oldest first); null follows the latest. */
  readonly snapshot: number | null;
  readonly pickerKind: PickerKind;
  readonly pickerIndex: number;
}

export type ViewAction =
  | { readonly type: 'openDetail'; readonly key: string; readonly tab?: DetailTab }
  | { readonly type: 'back' }
  | { readonly type: 'toggleHelp' }
  | { readonly type: 'openPicker'; readonly kind: PickerKind }
  | { readonly type: 'selectTab'; readonly tab: DetailTab }
  | { readonly type: 'cycleTab'; readonly delta: 1 | -1 }
  /** Scrolls the detail tab or help by `delta` lines, kept within 0..max. */
  | { readonly type: 'scroll'; readonly delta: number; readonly max: number }
  | { readonly type: 'side'; readonly delta: number; readonly max: number }
  /** Selects a command and scrolls so its line is in the window of `rows` lines. */
  | { readonly type: 'selectCommand'; readonly index: number; readonly line: number; readonly rows: number }
  | { readonly type: 'showLog'; readonly request: LogRequest }
  | { readonly type: 'toggleWrap' }
  | { readonly type: 'stepSnapshot'; readonly delta: 1 | -1; readonly count: number }
  | { readonly type: 'movePicker'; readonly delta: number; readonly count: number };

export const INITIAL_VIEW_STATE: ViewState = {
  screen: 'list',
  under: 'list',
  openKey: null,
  tab: 'Findings',
  scroll: 0,
  side: 0,
  command: 0,
  logs: { container: null, previous: null },
  wrap: false,
  helpScroll: 0,
  snapshot: null,
  pickerKind: 'namespace',
  pickerIndex: 0,
};

const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), Math.max(max, 0));

/** A tab opens at its top, scrolled fully left. */
const freshTab = (tab: DetailTab) => ({ tab, scroll: 0, side: 0 });

export function viewReducer(state: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case 'openDetail':
      return { ...state, screen: 'detail', openKey: action.key, ...freshTab(action.tab ?? 'Findings'), command: 0, logs: INITIAL_VIEW_STATE.logs, snapshot: null };
    case 'back':
      if (state.screen === 'help' || state.screen === 'picker') return { ...state, screen: state.under };
      return { ...state, screen: 'list' };
    case 'toggleHelp':
      if (state.screen === 'help') return { ...state, screen: state.under };
      return { ...state, screen: 'help', under: state.screen === 'picker' ? state.under : state.screen, helpScroll: 0 };
    case 'openPicker':
      return { ...state, screen: 'picker', under: state.screen === 'detail' ? 'detail' : 'list', pickerKind: action.kind, pickerIndex: 0 };
    case 'selectTab':
      return state.tab === action.tab ? state : { ...state, ...freshTab(action.tab) };
    case 'cycleTab': {
      const index = (DETAIL_TABS.indexOf(state.tab) + action.delta + DETAIL_TABS.length) % DETAIL_TABS.length;
      return { ...state, ...freshTab(DETAIL_TABS[index]!) };
    }
    case 'scroll':
      if (state.screen === 'help') return { ...state, helpScroll: clamp(state.helpScroll + action.delta, action.max) };
      return { ...state, scroll: clamp(state.scroll + action.delta, action.max) };
    case 'side':
      return { ...state, side: clamp(state.side + action.delta, action.max) };
    case 'selectCommand': {
      const scroll = action.line < state.scroll ? action.line : action.line >= state.scroll + action.rows ? action.line - action.rows + 1 : state.scroll;
      return { ...state, command: action.index, scroll: Math.max(0, scroll) };
    }
    case 'showLog':
      return { ...state, logs: action.request, scroll: 0, side: 0 };
    case 'toggleWrap':
      return { ...state, wrap: !state.wrap, side: 0 };
    case 'stepSnapshot': {
      const current = state.snapshot ?? action.count - 1;
      const next = clamp(current + action.delta, action.count - 1);
      // Stepping onto the newest snapshot follows the timeline again as it grows.
      return { ...state, snapshot: next === action.count - 1 ? null : next };
    }
    case 'movePicker':
      return { ...state, pickerIndex: clamp(state.pickerIndex + action.delta, action.count - 1) };
  }
}
