import { DETAIL_TABS, type DetailTab } from '../keys/key-bindings.js';

/** The screens the UI can show; help and the namespace picker open over another screen. */
export type Screen = 'list' | 'detail' | 'help' | 'picker';

export interface ViewState {
  readonly screen: Screen;
  /** The screen help or the picker returns to. */
  readonly under: 'list' | 'detail';
  /** Key of the pod the detail screen shows. */
  readonly openKey: string | null;
  readonly tab: DetailTab;
  /** First line shown in the detail tab. */
  readonly scroll: number;
  readonly helpScroll: number;
  /** The timeline snapshot shown (index, oldest first); null follows the latest. */
  readonly snapshot: number | null;
  readonly pickerIndex: number;
}

export type ViewAction =
  | { readonly type: 'openDetail'; readonly key: string }
  | { readonly type: 'back' }
  | { readonly type: 'toggleHelp' }
  | { readonly type: 'openPicker' }
  | { readonly type: 'selectTab'; readonly tab: DetailTab }
  | { readonly type: 'cycleTab'; readonly delta: 1 | -1 }
  /** Scrolls the detail tab or help by `delta` lines, kept within 0..max. */
  | { readonly type: 'scroll'; readonly delta: number; readonly max: number }
  | { readonly type: 'stepSnapshot'; readonly delta: 1 | -1; readonly count: number }
  | { readonly type: 'movePicker'; readonly delta: number; readonly count: number };

export const INITIAL_VIEW_STATE: ViewState = {
  screen: 'list',
  under: 'list',
  openKey: null,
  tab: 'Findings',
  scroll: 0,
  helpScroll: 0,
  snapshot: null,
  pickerIndex: 0,
};

const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), Math.max(max, 0));

export function viewReducer(state: ViewState, action: ViewAction): ViewState {
  switch (action.type) {
    case 'openDetail':
      return { ...state, screen: 'detail', openKey: action.key, tab: 'Findings', scroll: 0, snapshot: null };
    case 'back':
      if (state.screen === 'help' || state.screen === 'picker') return { ...state, screen: state.under };
      return { ...state, screen: 'list' };
    case 'toggleHelp':
      if (state.screen === 'help') return { ...state, screen: state.under };
      return { ...state, screen: 'help', under: state.screen === 'picker' ? state.under : state.screen, helpScroll: 0 };
    case 'openPicker':
      return { ...state, screen: 'picker', under: 'list', pickerIndex: 0 };
    case 'selectTab':
      return { ...state, tab: action.tab, scroll: 0 };
    case 'cycleTab': {
      const index = (DETAIL_TABS.indexOf(state.tab) + action.delta + DETAIL_TABS.length) % DETAIL_TABS.length;
      return { ...state, tab: DETAIL_TABS[index]!, scroll: 0 };
    }
    case 'scroll':
      if (state.screen === 'help') return { ...state, helpScroll: clamp(state.helpScroll + action.delta, action.max) };
      return { ...state, scroll: clamp(state.scroll + action.delta, action.max) };
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
