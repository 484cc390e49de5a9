// The sessions-and-profiles list: virtualised rows and one Tab stop. Arrow
// keys move between rows and into a row's buttons (list-keys.ts); Enter runs
// the row's action. The active row is the window's selection (the details pane
// shows it in wide windows).
import {
  useEffect,
  useImperativeHandle,
  useRef,
  type FocusEvent,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { useActions } from '../app/actions-context';
import { needsSignIn } from '../session-words';
import { listKeyIntent, nearestFocusable, type ListFocus } from './list-keys';
import { ProfileRow } from './profile-row';
import { isFocusable, rowDomId, rowHeight, type ListRow } from './rows';
import { SessionRow } from './session-row';
import { VirtualList, type VirtualListHandle } from './virtual-list';

export interface SessionListHandle {
  /** Moves focus to the selected row (or the first one). */
  focusList(): void;
}

interface SessionListProps {
  readonly rows: readonly ListRow[];
  readonly copyDescription: string;
  /** Changes with the search text or filter: a new list starts at the top. */
  readonly resetKey: string;
  readonly mutedSessions: readonly string[];
  /** The selected row's key (null: the first row). */
  readonly activeKey: string | null;
  readonly onActiveKey: (key: string) => void;
  /** Escape on a row: back to the search box. */
  readonly onLeave: () => void;
  readonly ref?: Ref<SessionListHandle>;
}

const rowKey = (row: ListRow): string => row.key;
const controlsOf = (item: Element) => [
  ...item.querySelectorAll<HTMLElement>('[data-control]:not(:disabled)'),
];

/** The index of the selected row: the key's row, or the first focusable one. */
export function activeIndexOf(rows: readonly ListRow[], key: string | null): number {
  const index = key === null ? -1 : rows.findIndex((r) => r.key === key);
  return index >= 0 && isFocusable(rows[index]) ? index : nearestFocusable(rows, 0, 1);
}

export function SessionList(props: SessionListProps) {
  const { rows, copyDescription, resetKey, activeKey, onActiveKey, onLeave, ref } = props;
  const actions = useActions();
  const list = useRef<VirtualListHandle>(null);
  const pendingFocus = useRef<{ key: string; control: number | null } | null>(null);
  const activeIndex = activeIndexOf(rows, activeKey);

  const focusAt = (to: ListFocus) => {
    const row = rows[to.row];
    if (!row) return;
    pendingFocus.current = { key: row.key, control: to.control };
    if (row.key !== activeKey) onActiveKey(row.key);
    list.current?.scrollToIndex(to.row);
    focusPending();
  };

  // Focus moves once the row is rendered (it may just have scrolled into view).
  const focusPending = () => {
    const pending = pendingFocus.current;
    const item = pending ? document.getElementById(rowDomId(pending.key)) : null;
    if (!pending || !item) return;
    pendingFocus.current = null;
    const target = pending.control === null ? item : controlsOf(item)[pending.control];
    (target ?? item).focus({ preventScroll: true });
  };
  useEffect(focusPending);

  useImperativeHandle(ref, () => ({
    focusList() {
      if (activeIndex >= 0) focusAt({ row: activeIndex, control: null });
    },
  }));

  const runPrimary = (row: ListRow) => {
    if (row.kind === 'profile') void actions.quickCopy(row.profile.name);
    else if (row.kind === 'session' && !row.session.signIn) {
      if (needsSignIn(row.session)) void actions.signIn(row.session.name);
      else actions.toggleCollapsed(row.session.name);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, select, textarea, [role="menu"]')) return;
    const item = target.closest('[role="listitem"]');
    const index = item ? rows.findIndex((r) => rowDomId(r.key) === item.id) : -1;
    if (!item || index < 0) return;
    const controls = controlsOf(item);
    const at = controls.indexOf(target);
    const intent = listKeyIntent(
      event.key,
      rows,
      { row: index, control: at < 0 ? null : at },
      controls.length,
    );
    if (!intent) return;
    event.preventDefault();
    switch (intent.kind) {
      case 'focus':
        focusAt(intent.to);
        break;
      case 'fold':
        actions.toggleCollapsed(intent.session);
        break;
      case 'primary':
        runPrimary(intent.row);
        break;
      case 'leave':
        onLeave();
        break;
      case 'stay':
        break;
    }
  };

  const onFocus = (event: FocusEvent<HTMLDivElement>) => {
    // Clicking or focusing anything in a row selects that row.
    const item = (event.target as HTMLElement).closest('[role="listitem"]');
    const row = item ? rows.find((r) => rowDomId(r.key) === item.id) : undefined;
    if (row && row.key !== activeKey && isFocusable(row)) onActiveKey(row.key);
  };

  const muted = new Set(props.mutedSessions);
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
                  muted={muted.has(row.session.name)}
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
