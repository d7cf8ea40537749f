/**
 * kubectl's `duration.HumanDuration` (k8s.io/apimachinery/pkg/util/duration): ~2–3 significant
 * figures, e.g. `45s`, `5m12s`, `3h4m`, `2d5h`, `400d`, `3y120d`. Up to one second in the future
 * still reads `0s` (clock skew between machines); further is `<invalid>`.
 */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${days}d`;
  const years = Math.floor(days / 365);
  if (hours < 24 * 365 * 8) {
    const d = days % 365;
    return d === 0 ? `${years}y` : `${years}y${d}d`;
  }
  return `${years}y`;
}

/** kubectl's `translateTimestampSince`: the age of a timestamp, `<unknown>` when there is none. */
export function ageSince(timeMs: number | undefined, nowMs: number): string {
  return timeMs === undefined ? '<unknown>' : humanDuration(nowMs - timeMs);
}
