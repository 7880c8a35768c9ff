// The routes of a spec the runner may call without knowing any identifier: GET and no path parameter.

/** Paths (relative to the API's version prefix) that have a GET operation and no `{param}`, sorted. */
export function plainGetRoutes(doc: Record<string, unknown>): string[] {
  const paths = doc.paths;
  if (paths === null || typeof paths !== 'object') return [];
  return Object.entries(paths as Record<string, unknown>)
    .filter(
      ([path, item]) => !path.includes('{') && item !== null && typeof item === 'object' && 'get' in item,
    )
    .map(([path]) => path)
    .sort();
}
