/**
 * Pods read from files hold API JSON, where times are ISO strings even though the client
 * types say Date; facts read both. Pods built from pasted text hold strings the same way.
 */
export function apiTime(iso: string): Date {
  return iso as unknown as Date;
}
