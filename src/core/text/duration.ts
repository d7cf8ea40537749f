/** Durations as people read them: kubectl's AGE column and the shorter form of prose. */

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

/** `2m40s`, `45s`, `5m`, `3h4m`, `2d5h`: a duration in seconds for sentences (back-off, grace periods, overdue times). */
export function shortDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return s % 60 === 0 ? `${s / 60}m` : `${Math.floor(s / 60)}m${s % 60}s`;
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h < 48) return m === 0 ? `${h}h` : `${h}h${m}m`;
  return `${Math.floor(h / 24)}d${h % 24 === 0 ? '' : `${h % 24}h`}`;
}
