import type { Dispatch } from 'react';
import { tabOfCommand, type Command, type DetailTab } from '../keys/key-bindings.js';
import { sideScrollStep, type DetailContent } from '../model/detail-content.js';
import type { PodEntry } from '../model/pod-entry.js';
import { completePrompt, parsePrompt, type PromptCommand } from '../model/prompt-command.js';
import type { ListAction, ListState } from '../state/list-reducer.js';
import type { Flash, UiState } from '../state/UiStateContext.js';
import type { ViewAction, ViewState } from '../state/view-reducer.js';
import type { UiHost } from '../ui-host.js';
import type { FeedControls } from './use-feed.js';
import type { PickerChoices } from './use-picker-choices.js';

/** Everything a command may read or change, gathered by the controller for one key press. */
export interface CommandContext {
  readonly view: ViewState;
  readonly list: ListState;
  readonly state: UiState;
  /** Keys of the visible pods, in list order. */
  readonly keys: readonly string[];
  readonly selected: PodEntry | null;
  readonly content: DetailContent;
  readonly commandIndex: number;
  readonly sideMax: number;
  /** Rows one page moves on the current screen. */
  readonly pageRows: number;
  readonly helpMax: number;
  readonly live: boolean;
  readonly feed: FeedControls;
  readonly namespaces: PickerChoices;
  readonly contexts: PickerChoices;
  readonly completions: readonly string[];
  readonly dispatchList: Dispatch<ListAction>;
  readonly dispatchView: Dispatch<ViewAction>;
  readonly setPrompt: Dispatch<(previous: string | null) => string | null>;
  readonly setFlash: (flash: Flash | null) => void;
  readonly quit: () => void;
  readonly host: UiHost;
}

const JUMPS: Partial<Record<Command, DetailTab>> = { jumpDescribe: 'Describe', jumpYaml: 'YAML', jumpLogs: 'Logs' };

function move(ctx: CommandContext, delta: number): void {
  const { view, state } = ctx;
  if (view.screen === 'list') return ctx.dispatchList({ type: 'move', delta, keys: ctx.keys });
  if (view.screen === 'picker') return ctx.dispatchView({ type: 'movePicker', delta, count: state.picker.choices?.length ?? 0 });
  if (view.screen === 'help') return ctx.dispatchView({ type: 'scroll', delta, max: ctx.helpMax });
  const rows = state.detail.viewportRows;
  const max = ctx.content.lines.length - rows;
  ctx.dispatchView({ type: 'scroll', delta, max });
  // The selected command follows the window: once it scrolls out, the first command in view is selected.
  const commands = ctx.content.commands;
  if (view.tab !== 'Findings' || commands.length === 0) return;
  const top = Math.min(Math.max(state.detail.scroll + delta, 0), Math.max(max, 0));
  const inView = (line: number) => line >= top && line < top + rows;
  if (inView(commands[ctx.commandIndex]!.line)) return;
  const first = commands.findIndex((c) => inView(c.line));
  if (first !== -1) ctx.dispatchView({ type: 'selectCommand', index: first, line: commands[first]!.line, rows });
}

function selectCommand(ctx: CommandContext, delta: number): void {
  const commands = ctx.content.commands;
  if (commands.length === 0) return ctx.setFlash({ text: 'no commands on this tab', tone: 'muted' });
  const index = Math.min(Math.max(ctx.commandIndex + delta, 0), commands.length - 1);
  ctx.dispatchView({ type: 'selectCommand', index, line: commands[index]!.line, rows: ctx.state.detail.viewportRows });
}

function switchNamespace(ctx: CommandContext, namespace: string | null): void {
  if (!ctx.live || !ctx.feed.state.feed.withNamespace) {
    return ctx.setFlash({ text: `these pods come from files, not a cluster: filter them with /ns:${namespace ?? ''}`, tone: 'error' });
  }
  ctx.feed.switchNamespace(namespace);
  if (ctx.view.screen !== 'list') ctx.dispatchView({ type: 'back' });
}

function runPrompt(ctx: CommandContext, command: PromptCommand): void {
  switch (command.kind) {
    case 'none':
      return;
    case 'error':
      return ctx.setFlash({ text: command.message, tone: 'error' });
    case 'namespace':
      return switchNamespace(ctx, command.namespace);
    case 'pickNamespace':
      if (!ctx.live) return switchNamespace(ctx, null);
      ctx.namespaces.fetch();
      return ctx.dispatchView({ type: 'openPicker', kind: 'namespace' });
    case 'context':
    case 'pickContext':
      if (!ctx.live || !ctx.feed.state.feed.withContext) return ctx.setFlash({ text: 'these pods come from files, not a cluster: there is no context to switch', tone: 'error' });
      if (command.kind === 'pickContext') {
        ctx.contexts.fetch();
        return ctx.dispatchView({ type: 'openPicker', kind: 'context' });
      }
      ctx.feed.switchContext(command.context);
      if (ctx.view.screen !== 'list') ctx.dispatchView({ type: 'back' });
      return;
    case 'sort':
      return ctx.dispatchList({ type: 'sortBy', column: command.column, reversed: command.reversed });
    case 'pods':
      if (ctx.view.screen !== 'list') ctx.dispatchView({ type: 'back' });
      return;
    case 'help':
      return ctx.dispatchView({ type: 'toggleHelp' });
    case 'quit':
      return ctx.quit();
  }
}

/** Carries out one command against the current state. */
export function runCommand(command: Command, ctx: CommandContext): void {
  const { view, state, dispatchList, dispatchView } = ctx;
  const tab = tabOfCommand(command) ?? JUMPS[command];
  if (tab) {
    if (view.screen === 'list') {
      if (ctx.selected) dispatchView({ type: 'openDetail', key: ctx.selected.key, tab });
      return;
    }
    return dispatchView({ type: 'selectTab', tab });
  }
  const selectedCommand = state.detail.selectedCommand;
  const logs = state.detail.logSelection;
  switch (command) {
    case 'quit':
      return ctx.quit();
    case 'help':
      return dispatchView({ type: 'toggleHelp' });
    case 'back':
      if (view.screen === 'list') return dispatchList({ type: 'filterClear' });
      return dispatchView({ type: 'back' });
    case 'refresh':
      return ctx.feed.refresh();
    case 'up':
      return move(ctx, -1);
    case 'down':
      return move(ctx, 1);
    case 'pageUp':
      return move(ctx, -ctx.pageRows);
    case 'pageDown':
      return move(ctx, ctx.pageRows);
    case 'first':
      return move(ctx, -Infinity);
    case 'last':
      return move(ctx, Infinity);
    case 'open':
      if (view.screen === 'picker') {
        const choice = state.picker.choices?.[view.pickerIndex];
        if (choice !== undefined) {
          if (view.pickerKind === 'namespace') ctx.feed.switchNamespace(choice);
          else if (choice !== null) ctx.feed.switchContext(choice);
        }
        dispatchView({ type: 'back' });
        if (view.under === 'detail') dispatchView({ type: 'back' });
        return;
      }
      if (ctx.selected) dispatchView({ type: 'openDetail', key: ctx.selected.key });
      return;
    case 'filter':
      return dispatchList({ type: 'filterStart' });
    case 'filterAccept':
      dispatchList({ type: 'filterAccept' });
      // One pod left: Enter goes straight to it.
      if (state.list.filter !== '' && state.list.visible.length === 1) dispatchView({ type: 'openDetail', key: state.list.visible[0]!.key });
      return;
    case 'filterCancel':
      return dispatchList({ type: 'filterClear' });
    case 'filterErase':
      return dispatchList({ type: 'filterErase' });
    case 'namespace':
      ctx.namespaces.fetch();
      return dispatchView({ type: 'openPicker', kind: 'namespace' });
    case 'allNamespaces':
      return ctx.feed.switchNamespace(null);
    case 'sortNext':
      return dispatchList({ type: 'sortNext' });
    case 'sortReverse':
      return dispatchList({ type: 'sortReverse' });
    case 'nextTab':
      return dispatchView({ type: 'cycleTab', delta: 1 });
    case 'previousTab':
      return dispatchView({ type: 'cycleTab', delta: -1 });
    case 'scrollLeft':
      return dispatchView({ type: 'side', delta: -sideScrollStep(state.size.columns), max: ctx.sideMax });
    case 'scrollRight':
      if (ctx.sideMax === 0) return ctx.setFlash({ text: 'every line fits: nothing to scroll sideways', tone: 'muted' });
      return dispatchView({ type: 'side', delta: sideScrollStep(state.size.columns), max: ctx.sideMax });
    case 'toggleWrap':
      if (view.tab === 'Findings') return ctx.setFlash({ text: 'commands never wrap: < and > scroll them, c copies one whole', tone: 'muted' });
      return dispatchView({ type: 'toggleWrap' });
    case 'nextCommand':
      return selectCommand(ctx, 1);
    case 'previousCommand':
      return selectCommand(ctx, -1);
    case 'copyCommand':
      if (!selectedCommand) return ctx.setFlash({ text: 'no command to copy on this pod', tone: 'muted' });
      ctx.host.copy(selectedCommand.text);
      return ctx.setFlash({ text: `copied (OSC 52): ${selectedCommand.text}`, tone: 'ok' });
    case 'printCommand':
      if (!selectedCommand) return ctx.setFlash({ text: 'no command to print on this pod', tone: 'muted' });
      ctx.host.printOnExit(selectedCommand.text);
      return ctx.quit();
    case 'toggleInstance':
      if (!logs) return;
      return dispatchView({ type: 'showLog', request: { container: logs.container, previous: !logs.previous } });
    case 'nextContainer': {
      if (!logs) return;
      if (logs.containers.length < 2) return ctx.setFlash({ text: `only ${logs.container} has logs in the evidence`, tone: 'muted' });
      const next = logs.containers[(logs.containers.indexOf(logs.container) + 1) % logs.containers.length]!;
      return dispatchView({ type: 'showLog', request: { container: next, previous: null } });
    }
    case 'previousSnapshot':
      return dispatchView({ type: 'stepSnapshot', delta: -1, count: state.detail.shown?.count ?? 1 });
    case 'nextSnapshot':
      return dispatchView({ type: 'stepSnapshot', delta: 1, count: state.detail.shown?.count ?? 1 });
    case 'prompt':
      if (ctx.live) {
        ctx.namespaces.fetch();
        ctx.contexts.fetch();
      }
      return ctx.setPrompt(() => '');
    case 'promptRun': {
      const line = state.prompt?.text ?? '';
      ctx.setPrompt(() => null);
      return runPrompt(ctx, parsePrompt(line));
    }
    case 'promptCancel':
      return ctx.setPrompt(() => null);
    case 'promptErase':
      return ctx.setPrompt((p) => (p ? p.slice(0, -1) : null));
    case 'promptComplete':
      return ctx.setPrompt((p) => (p === null ? p : completePrompt(p, ctx.completions)));
  }
}
