import { useCallback, useMemo, useReducer } from 'react';
import type { IncidentFeed } from '../../model/incident-feed.js';
import { hintsFor, tabOfCommand, type Command, type Scope } from '../keys/key-bindings.js';
import { detailLines } from '../model/detail-lines.js';
import type { DiagnosisCache } from '../model/diagnosis-cache.js';
import { helpLines } from '../model/help-lines.js';
import { paragraph } from '../model/line.js';
import { detailViewportRows, helpViewportRows, listViewportRows } from '../model/layout.js';
import { listColumns } from '../model/list-columns.js';
import { filterEntries } from '../model/pod-entry.js';
import { INITIAL_LIST_STATE, listReducer, selectedIndexIn } from '../state/list-reducer.js';
import type { UiState } from '../state/UiStateContext.js';
import { INITIAL_VIEW_STATE, viewReducer } from '../state/view-reducer.js';
import { useFeed } from './use-feed.js';
import { useNamespaceChoices } from './use-namespace-choices.js';
import { useShownSnapshot } from './use-shown-snapshot.js';
import type { TerminalSize } from './use-terminal-size.js';

/** An error longer than this is cut: the screen must keep room for the pods. */
const MAX_ERROR_LINES = 3;

export interface UiController {
  readonly state: UiState;
  /** Scopes whose keys apply now, nearest first. */
  readonly scopes: readonly Scope[];
  readonly run: (command: Command) => void;
  /** Text typed while the filter is being edited. */
  readonly type: (text: string) => void;
}

/**
 * The one place UI state lives: feed, list and view reducers, and the models every screen draws
 * from. Components read the result through `useUiState()`; keys arrive here as commands.
 */
export function useUiController(initialFeed: IncidentFeed, cache: DiagnosisCache, size: TerminalSize, quit: () => void): UiController {
  const feed = useFeed(initialFeed, cache);
  const [list, dispatchList] = useReducer(listReducer, INITIAL_LIST_STATE);
  const [view, dispatchView] = useReducer(viewReducer, INITIAL_VIEW_STATE);
  const namespaces = useNamespaceChoices(feed.state.feed);
  const errorLines = useMemo(
    () => (feed.state.error ? paragraph([{ text: 'error: ', tone: 'error' }], feed.state.error, size.columns).slice(0, MAX_ERROR_LINES) : []),
    [feed.state.error, size.columns],
  );
  const { entries } = feed.state;

  const visible = useMemo(() => filterEntries(entries, list.filter), [entries, list.filter]);
  const keys = useMemo(() => visible.map((e) => e.key), [visible]);
  const selectedIndex = selectedIndexIn(list, keys);
  const selected = visible[selectedIndex] ?? null;
  const showNamespace = useMemo(() => new Set(entries.map((e) => e.row.namespace)).size > 1, [entries]);
  const rows = useMemo(() => entries.map((e) => e.row), [entries]);
  const unhealthy = useMemo(() => rows.filter((r) => r.health === 'failing' || r.health === 'degraded').length, [rows]);
  const columns = useMemo(() => listColumns(size.columns, rows, showNamespace), [size.columns, rows, showNamespace]);
  const filterShown = list.editingFilter || list.filter !== '';
  const listRows = listViewportRows(size.rows, errorLines.length, filterShown);

  // The open pod is found again by key, so a live refresh shows its new state.
  const openEntry = useMemo(() => (view.openKey === null ? null : (entries.find((e) => e.key === view.openKey) ?? null)), [entries, view.openKey]);
  const shown = useShownSnapshot(openEntry, view.snapshot, cache);
  const timelineLines = shown && shown.count > 1 ? 2 : 0;
  const detailRows = detailViewportRows(size.rows, errorLines.length, timelineLines);
  const currentSnapshot = shown?.current ?? null;
  const content = useMemo(
    () => (currentSnapshot ? detailLines(view.tab, currentSnapshot, cache.facts(currentSnapshot.incident), shown?.changes ?? null, size.columns) : []),
    [view.tab, currentSnapshot?.incident, currentSnapshot?.diagnosis, shown?.changes, size.columns, cache],
  );
  const help = useMemo(() => helpLines(size.columns), [size.columns]);
  const helpRows = helpViewportRows(size.rows, errorLines.length);

  const live = feed.state.feed.live;
  const scopes = useMemo((): Scope[] => {
    const always: Scope[] = live ? ['live', 'global'] : ['global'];
    switch (view.screen) {
      case 'help':
        return ['help', ...always];
      case 'picker':
        return ['picker', ...always];
      case 'detail':
        return [...(shown && shown.count > 1 ? (['timeline'] as const) : []), 'detail', ...always];
      case 'list':
        if (list.editingFilter) return ['filter'];
        return ['list', ...(live && feed.state.feed.withNamespace ? (['live-list'] as const) : []), ...always];
    }
  }, [view.screen, list.editingFilter, live, feed.state.feed, shown?.count]);
  const hints = useMemo(() => hintsFor(scopes), [scopes]);

  const state: UiState = {
    size,
    feed: feed.state,
    errorLines,
    list: { visible, total: entries.length, unhealthy, selectedIndex, filter: list.filter, editingFilter: list.editingFilter, columns, viewportRows: listRows },
    view,
    detail: { entry: openEntry, shown, lines: content, scroll: Math.min(view.scroll, Math.max(0, content.length - detailRows)), viewportRows: detailRows },
    help: { lines: help, scroll: Math.min(view.helpScroll, Math.max(0, help.length - helpRows)), viewportRows: helpRows },
    picker: { choices: namespaces.choices, error: namespaces.error, index: view.pickerIndex },
    hints,
  };

  const move = (delta: number) => {
    if (view.screen === 'list') dispatchList({ type: 'move', delta, keys });
    else if (view.screen === 'picker') dispatchView({ type: 'movePicker', delta, count: namespaces.choices?.length ?? 0 });
    else if (view.screen === 'help') dispatchView({ type: 'scroll', delta, max: help.length - helpRows });
    else dispatchView({ type: 'scroll', delta, max: content.length - detailRows });
  };
  const page = view.screen === 'list' ? listRows : view.screen === 'help' ? helpRows : detailRows;

  const run = (command: Command) => {
    const tab = tabOfCommand(command);
    if (tab) return dispatchView({ type: 'selectTab', tab });
    switch (command) {
      case 'quit':
        return quit();
      case 'help':
        return dispatchView({ type: 'toggleHelp' });
      case 'back':
        if (view.screen === 'list') return dispatchList({ type: 'filterClear' });
        return dispatchView({ type: 'back' });
      case 'refresh':
        return feed.refresh();
      case 'up':
        return move(-1);
      case 'down':
        return move(1);
      case 'pageUp':
        return move(-page);
      case 'pageDown':
        return move(page);
      case 'first':
        return move(-Infinity);
      case 'last':
        return move(Infinity);
      case 'open':
        if (view.screen === 'picker') {
          const choice = namespaces.choices?.[view.pickerIndex];
          if (choice !== undefined) feed.switchNamespace(choice);
          return dispatchView({ type: 'back' });
        }
        if (selected) dispatchView({ type: 'openDetail', key: selected.key });
        return;
      case 'filter':
        return dispatchList({ type: 'filterStart' });
      case 'filterAccept':
        return dispatchList({ type: 'filterAccept' });
      case 'filterCancel':
        return dispatchList({ type: 'filterClear' });
      case 'filterErase':
        return dispatchList({ type: 'filterErase' });
      case 'namespace':
        namespaces.fetch();
        return dispatchView({ type: 'openPicker' });
      case 'allNamespaces':
        return feed.switchNamespace(null);
      case 'nextTab':
        return dispatchView({ type: 'cycleTab', delta: 1 });
      case 'previousTab':
        return dispatchView({ type: 'cycleTab', delta: -1 });
      case 'previousSnapshot':
        return dispatchView({ type: 'stepSnapshot', delta: -1, count: shown?.count ?? 1 });
      case 'nextSnapshot':
        return dispatchView({ type: 'stepSnapshot', delta: 1, count: shown?.count ?? 1 });
    }
  };

  const type = useCallback((text: string) => dispatchList({ type: 'filterType', text }), []);
  return { state, scopes, run, type };
}
