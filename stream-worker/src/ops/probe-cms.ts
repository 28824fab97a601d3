/**
 * Whether the cms answers: Strapi's own health route (`/_health`, 204), which
 * needs no token and touches no database. Used only while the cms counts as
 * down, so the worker sees it back even when it has nothing to post.
 */
export function probeCms(cmsUrl: string, fetchImpl: typeof fetch = fetch) {
  return async (): Promise<void> => {
    const res = await fetchImpl(`${cmsUrl}/_health`, { signal: AbortSignal.timeout(3_000) });
    // The body is empty; reading it frees the connection.
    await res.arrayBuffer().catch(() => undefined);
    if (res.status >= 500) throw new Error(`cms answered ${res.status}`);
  };
}
