/**
 * Whether an Accept header asks for `type` before JSON: "text/csv", "text/csv, application/json;q=0.5".
 * No header, a wildcard or JSON first: JSON, the API's default, wins.
 */
export function prefersOverJson(accept: string | undefined, type: string): boolean {
  if (!accept) return false;
  const weight = (wanted: string) => {
    const entry = accept.split(',').map((part) => part.trim().toLowerCase()).find((part) => part.split(';')[0]!.trim() === wanted);
    if (!entry) return -1;
    const q = /;\s*q=([\d.]+)/.exec(entry);
    return q ? Number(q[1]) : 1;
  };
  return weight(type) > Math.max(0, weight('application/json'));
}
