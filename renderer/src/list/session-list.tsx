// The sessions-and-profiles list: virtualised rows, one focusable row at a
// time (roving tabindex), arrow keys to move, Enter for the row's primary action.
import {
  useCallback,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { useListActions } from './list-actions';
import { ProfileRow } from './profile-row';
import { rowDomId, rowHeight, type ListRow } from './rows';
import { needsSignIn, SessionRow } from './session-row';
import { VirtualList, type VirtualListHandle } from './virtual-list';

export interface SessionListHandle {
  focusFirstRow(): void;
}

interface SessionListProps {
  readonly rows: readonly ListRow[];
  readonly now: number;
  readonly copyDescription: string;
  /** Changes with the search text: a new search starts at the top. */
  readonly resetKey: string;
  readonly ref?: Ref<SessionListHandle>;
}

const focusable = (row: ListRow | undefined): boolean => row !== undefined && row.kind !== 'group';
const rowKey = (row: ListRow): string => row.key;
const PAGE_ROWS = 8;

/** The nearest focusable row from `index` in direction `step` (+1/-1), or -1. */
function nearestFocusable(rows: readonly ListRow[], index: number, step: 1 | -1): number {
  for (let i = index; i >= 0 && i < rows.length; i += step) if (focusable(rows[i])) return i;
  return -1;
}

export function SessionList({ rows, now, copyDescription, resetKey, ref }: SessionListProps) {
  const actions = useListActions();
  const list = useRef<VirtualListHandle>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const pendingFocus = useRef<string | null>(null);

  let activeIndex = activeKey === null ? -1 : rows.findIndex((r) => r.key === activeKey);
  if (activeIndex < 0) activeIndex = nearestFocusable(rows, 0, 1);

  const moveTo = useCallback(
    (index: number) => {
      const row = rows[index];
      if (!row) return;
      pendingFocus.current = row.key;
      setActiveKey(row.key);
      list.current?.scrollToIndex(index);
    },
    [rows],
  );

  useEffect(() => {
    // Focus moves after the row is rendered (it may just have scrolled into view).
    const key = pendingFocus.current;
    if (key === null) return;
    pendingFocus.current = null;
    document.getElementById(rowDomId(key))?.focus({ preventScroll: true });
  });

  useImperativeHandle(
    ref,
    () => ({
      focusFirstRow() {
        const first = nearestFocusable(rows, 0, 1);
        if (first >= 0) moveTo(first);
      },
    }),
    [rows, moveTo],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, select, textarea')) return;
    const onRow = target.getAttribute('role') === 'listitem';
    const row = rows[activeIndex];
    let next: number;
    switch (event.key) {
      case 'ArrowDown':
        next = nearestFocusable(rows, activeIndex + 1, 1);
        break;
      case 'ArrowUp':
        next = nearestFocusable(rows, activeIndex - 1, -1);
        break;
      case 'PageDown':
        next = nearestFocusable(rows, Math.min(rows.length - 1, activeIndex + PAGE_ROWS), -1);
        break;
      case 'PageUp':
        next = nearestFocusable(rows, Math.max(0, activeIndex - PAGE_ROWS), 1);
        break;
      case 'Home':
        next = nearestFocusable(rows, 0, 1);
        break;
      case 'End':
        next = nearestFocusable(rows, rows.length - 1, -1);
        break;
      case 'ArrowLeft':
      case 'ArrowRight':
        if (onRow && row?.kind === 'session' && row.collapsed === (event.key === 'ArrowRight')) {
          event.preventDefault();
          actions.toggleCollapsed(row.session.name);
        }
        return;
      case 'Enter':
        if (!onRow || !row) return;
        event.preventDefault();
        if (row.kind === 'profile') actions.quickCopy(row.profile.name);
        else if (row.kind === 'session' && needsSignIn(row.session) && !row.session.signIn)
          actions.signIn(row.session.name);
        return;
      default:
        return;
    }
    event.preventDefault();
    if (next >= 0) moveTo(next);
  };

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    // Clicking or tabbing into a row's button makes that row the active one.
    const item = (event.target as HTMLElement).closest('[role="listitem"]');
    if (!item) return;
    const index = rows.findIndex((r) => rowDomId(r.key) === item.id);
    const row = rows[index];
    if (row && row.key !== activeKey && focusable(row)) setActiveKey(row.key);
  };

  const setSize = rows.length;
  return (
    <div className="list-frame" onFocus={onFocus}>
      <VirtualList
        ref={list}
        className="list-scroller"
        label="Sessions and profiles"
        items={rows}
        itemHeight={rowHeight}
        itemKey={rowKey}
        onKeyDown={onKeyDown}
        // Only a row the user chose is held still (not the default first row).
        anchorKey={activeKey}
        resetKey={resetKey}
        renderItem={(row, index, style) => {
          const common = {
            id: rowDomId(row.key),
            active: index === activeIndex,
            style,
            position: index + 1,
            setSize,
          };
          switch (row.kind) {
            case 'group':
              return (
                <div
                  id={common.id}
                  role="listitem"
                  className="row group-row"
                  style={style}
                  aria-posinset={common.position}
                  aria-setsize={setSize}
                >
                  <span>{row.label}</span>
                  <span className="group-count">{row.count}</span>
                </div>
              );
            case 'session':
              return (
                <SessionRow
                  {...common}
                  session={row.session}
                  shown={row.shown}
                  total={row.total}
                  collapsed={row.collapsed}
                  now={now}
                />
              );
            case 'profile':
              return (
                <ProfileRow
                  {...common}
                  profile={row.profile}
                  session={row.session}
                  favourite={row.favourite}
                  pinned={row.pinned}
                  accountName={row.accountName}
                  copyDescription={copyDescription}
                />
              );
          }
        }}
      />
    </div>
  );
}
