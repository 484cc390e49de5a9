// Performance marks the benchmark (npm run bench) reads through the e2e harness:
// `performance.getEntriesByName(MEASURES.firstRender)` etc.
export const MARKS = {
  scriptStart: 'sso-tray:script-start',
  snapshotReceived: 'sso-tray:snapshot-received',
  listCommitted: 'sso-tray:list-committed',
  filterStart: 'sso-tray:filter-start',
  filterCommitted: 'sso-tray:filter-committed',
} as const;

export const MEASURES = {
  /** First snapshot received -> list rendered into the DOM. */
  firstRender: 'sso-tray:first-render',
  /** Script start (before React) -> list rendered, including the first getSnapshot round trip. */
  startup: 'sso-tray:startup',
  /** One search keystroke -> filtered list committed to the DOM. */
  filter: 'sso-tray:filter',
} as const;

export function markFilterStart(): void {
  performance.mark(MARKS.filterStart);
}

export function measureFilter(): void {
  if (performance.getEntriesByName(MARKS.filterStart, 'mark').length === 0) return;
  performance.mark(MARKS.filterCommitted);
  performance.measure(MEASURES.filter, MARKS.filterStart, MARKS.filterCommitted);
  // Each keystroke is measured from its own start mark.
  performance.clearMarks(MARKS.filterStart);
}

export function markSnapshotReceived(): void {
  if (performance.getEntriesByName(MARKS.snapshotReceived, 'mark').length === 0) {
    performance.mark(MARKS.snapshotReceived);
  }
}

let listMeasured = false;

export function measureFirstRender(): void {
  if (listMeasured) return;
  listMeasured = true;
  performance.mark(MARKS.listCommitted);
  performance.measure(MEASURES.firstRender, MARKS.snapshotReceived, MARKS.listCommitted);
  performance.measure(MEASURES.startup, MARKS.scriptStart, MARKS.listCommitted);
}
