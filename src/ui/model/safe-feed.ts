import type { IncidentFeed } from '../../model/incident-feed.js';
import { visibleControls } from '../../report/visible-controls.js';

/**
 * The feed as the UI reads it: its title, progress lines and namespace names (which come from
 * file names and the cluster) with control characters made visible. Incidents are made safe
 * where the list entries are built (build-entries.ts), errors in errorText: together the UI's
 * boundary, so nothing from a cluster or a paste reaches ink as raw control characters.
 */
export function terminalSafeFeed(feed: IncidentFeed): IncidentFeed {
  const { namespaces, withNamespace, contexts, withContext } = feed;
  return {
    ...feed,
    title: visibleControls(feed.title),
    load: (onProgress) => feed.load(onProgress && ((what) => onProgress(visibleControls(what)))),
    ...(namespaces ? { namespaces: async () => (await namespaces.call(feed)).map(visibleControls) } : {}),
    ...(withNamespace ? { withNamespace: (namespace: string | null) => terminalSafeFeed(withNamespace.call(feed, namespace)) } : {}),
    ...(contexts ? { contexts: async () => (await contexts.call(feed)).map(visibleControls) } : {}),
    ...(withContext ? { withContext: (context: string) => terminalSafeFeed(withContext.call(feed, context)) } : {}),
  };
}
