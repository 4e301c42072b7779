import { useCallback, useEffect, useMemo, useReducer, useState } from 'react';
import type { IncidentFeed } from '../../model/incident-feed.js';
import { hintsFor, type Command, type Scope } from '../keys/key-bindings.js';
import { EMPTY_CONTENT, maxSideScroll } from '../model/detail-content.js';
import { detailLines } from '../model/detail-lines.js';
import type { DiagnosisCache } from '../model/diagnosis-cache.js';
import { helpLines } from '../model/help-lines.js';
import { paragraph } from '../model/line.js';
import { detailViewportRows, helpViewportRows, listViewportRows } from '../model/layout.js';
import { listColumns } from '../model/list-columns.js';
import { selectLog } from '../model/logs-lines.js';
import { filterEntries, parseFilter } from '../model/pod-filter.js';
import { isUnhealthy } from '../model/pod-health.js';
import { sortArrow, sortEntries } from '../model/pod-sort.js';
import { promptCompletions } from '../model/prompt-command.js';
import { INITIAL_LIST_STATE, listReducer, selectedIndexIn } from '../state/list-reducer.js';
import type { Flash, UiState } from '../state/UiStateContext.js';
import { INITIAL_VIEW_STATE, viewReducer } from '../state/view-reducer.js';
import type { UiHost } from '../ui-host.js';
import { runCommand } from './run-command.js';
import { useFeed } from './use-feed.js';
import { choiceNames, usePickerChoices } from './use-picker-choices.js';
import { useShownSnapshot } from './use-shown-snapshot.js';
import type { TerminalSize } from './use-terminal-size.js';

/** An error longer than this is cut: the screen must keep room for the pods. */
const MAX_ERROR_LINES = 3;

export interface UiController {
  readonly state: UiState;
  /** Scopes whose keys apply now, nearest first. */
  readonly scopes: readonly Scope[];
  /** False until the first load has been shown (or failed): keys typed before then wait for it. */
  readonly ready: boolean;
  readonly run: (command: Command) => void;
  /** Text typed while the filter or the prompt is being edited. */
  readonly type: (text: string) => void;
}

/**
 * The one place UI state lives: feed, list and view reducers, and the models every screen draws
 * from. Components read the result through `useUiState()`; keys arrive here as commands and are
 * carried out by runCommand.
 */
export function useUiController(initialFeed: IncidentFeed, cache: DiagnosisCache, size: TerminalSize, quit: () => void, host: UiHost): UiController {
  const feed = useFeed(initialFeed, cache);
  const [list, dispatchList] = useReducer(listReducer, INITIAL_LIST_STATE);
  const [view, dispatchView] = useReducer(viewReducer, INITIAL_VIEW_STATE);
  const [prompt, setPrompt] = useState<string | null>(null);
  const [flash, setFlash] = useState<Flash | null>(null);
  const [settled, setSettled] = useState(false);
  const namespaces = usePickerChoices(feed.state.feed, 'namespace');
  const contexts = usePickerChoices(feed.state.feed, 'context');
  const picker = view.pickerKind === 'namespace' ? namespaces : contexts;
  const errorLines = useMemo(
    () => (feed.state.error ? paragraph([{ text: 'error: ', tone: 'error' }], feed.state.error, size.columns).slice(0, MAX_ERROR_LINES) : []),
    [feed.state.error, size.columns],
  );
  const { entries } = feed.state;
  const live = feed.state.feed.live;

  const filter = useMemo(() => parseFilter(list.filter), [list.filter]);
  const sorted = useMemo(() => sortEntries(entries, list.sort), [entries, list.sort]);
  const visible = useMemo(() => filterEntries(sorted, filter), [sorted, filter]);
  const keys = useMemo(() => visible.map((e) => e.key), [visible]);
  const selectedIndex = selectedIndexIn(list, keys);
  const selected = visible[selectedIndex] ?? null;
  const showNamespace = useMemo(() => new Set(entries.map((e) => e.row.namespace)).size > 1, [entries]);
  const rows = useMemo(() => entries.map((e) => e.row), [entries]);
  const unhealthy = useMemo(() => rows.filter((r) => isUnhealthy(r.severity)).length, [rows]);
  const info = useMemo(() => rows.filter((r) => r.severity === 'info').length, [rows]);
  const arrow = sortArrow(list.sort);
  const columns = useMemo(() => listColumns(size.columns, rows, showNamespace, { column: list.sort.column, arrow }), [size.columns, rows, showNamespace, list.sort.column, arrow]);
  const filterShown = list.editingFilter || list.filter !== '';
  const listRows = listViewportRows(size.rows, errorLines.length, filterShown);

  // A replay of one pod opens it at once; keys typed meanwhile wait, so they act on what the user expects.
  useEffect(() => {
    if (settled || !(feed.state.loaded || feed.state.error)) return;
    if (!live && entries.length === 1 && entries[0]) dispatchView({ type: 'openDetail', key: entries[0].key });
    setSettled(true);
  }, [feed.state.loaded, feed.state.error, settled, live, entries]);

  // The open pod is found again by key, so a live refresh shows its new state.
  const openEntry = useMemo(() => (view.openKey === null ? null : (entries.find((e) => e.key === view.openKey) ?? null)), [entries, view.openKey]);
  const shown = useShownSnapshot(openEntry, view.snapshot, cache);
  const timelineLines = shown && shown.count > 1 ? 2 : 0;
  const detailRows = detailViewportRows(size.rows, errorLines.length, timelineLines);
  const currentSnapshot = shown?.current ?? null;
  const content = useMemo(
    () =>
      currentSnapshot
        ? detailLines(view.tab, currentSnapshot, cache.facts(currentSnapshot.incident), shown?.changes ?? null, { logs: view.logs, wrap: view.wrap }, size.columns)
        : EMPTY_CONTENT,
    [view.tab, view.logs, view.wrap, currentSnapshot?.incident, currentSnapshot?.diagnosis, shown?.changes, size.columns, cache],
  );
  const commandIndex = Math.min(view.command, Math.max(0, content.commands.length - 1));
  const selectedCommand = view.tab === 'Findings' ? (content.commands[commandIndex] ?? null) : null;
  const detailScroll = Math.min(view.scroll, Math.max(0, content.lines.length - detailRows));
  const sideMax = maxSideScroll(content, size.columns);
  const help = useMemo(() => helpLines(size.columns), [size.columns]);
  const helpRows = helpViewportRows(size.rows, errorLines.length);
  const logSelection = currentSnapshot && view.tab === 'Logs' ? selectLog(currentSnapshot.incident, currentSnapshot.diagnosis, view.logs) : null;

  const scopes = useMemo((): Scope[] => {
    if (prompt !== null) return ['prompt'];
    const always: Scope[] = live ? ['live', 'global'] : ['global'];
    switch (view.screen) {
      case 'help':
        return ['help', ...always];
      case 'picker':
        return ['picker', ...always];
      case 'detail': {
        const tabScope: Scope[] = view.tab === 'Findings' ? ['findings'] : view.tab === 'Logs' ? ['logs'] : [];
        return [...tabScope, ...(shown && shown.count > 1 ? (['timeline'] as const) : []), 'detail', ...always];
      }
      case 'list':
        if (list.editingFilter) return ['filter'];
        return ['list', ...(live && feed.state.feed.withNamespace ? (['live-list'] as const) : []), ...always];
    }
  }, [prompt, view.screen, view.tab, list.editingFilter, live, feed.state.feed, shown?.count]);
  const hints = useMemo(() => hintsFor(scopes), [scopes]);
  const completions = useMemo(
    () =>
      prompt === null
        ? []
        : promptCompletions(prompt, { namespaces: choiceNames(namespaces), contexts: choiceNames(contexts) }),
    [prompt, namespaces.choices, contexts.choices],
  );

  const state: UiState = {
    size,
    feed: feed.state,
    errorLines,
    list: {
      visible,
      total: entries.length,
      unhealthy,
      info,
      selectedIndex,
      filter: list.filter,
      filterProblem: filter.problem,
      editingFilter: list.editingFilter,
      columns,
      sort: list.sort,
      sortArrow: arrow,
      viewportRows: listRows,
    },
    view,
    detail: {
      entry: openEntry,
      shown,
      content,
      lines: content.lines,
      scroll: detailScroll,
      viewportRows: detailRows,
      side: Math.min(view.side, sideMax),
      selectedCommand,
      logSelection,
    },
    help: { lines: help, scroll: Math.min(view.helpScroll, Math.max(0, help.length - helpRows)), viewportRows: helpRows },
    picker: { kind: view.pickerKind, choices: picker.choices, error: picker.error, index: view.pickerIndex },
    prompt: prompt === null ? null : { text: prompt, completions },
    flash,
    hints,
  };

  const run = (command: Command) => {
    setFlash(null);
    runCommand(command, {
      view,
      list,
      state,
      keys,
      selected,
      content,
      commandIndex,
      sideMax,
      pageRows: view.screen === 'list' ? listRows : view.screen === 'help' ? helpRows : detailRows,
      helpMax: help.length - helpRows,
      live,
      feed,
      namespaces,
      contexts,
      completions,
      dispatchList,
      dispatchView,
      setPrompt,
      setFlash,
      quit,
      host,
    });
  };

  const type = useCallback(
    (text: string) => {
      if (prompt !== null) setPrompt((p) => (p === null ? p : p + text));
      else dispatchList({ type: 'filterType', text });
    },
    [prompt],
  );
  return { state, scopes, ready: settled, run, type };
}
