// A small virtual list: each row's height is known without rendering it (from
// its kind and the list's width), so offsets are a prefix sum and the visible
// range is a binary search. Only the rows in view (plus a margin) are in the
// DOM, which keeps 5,000 profiles instant.
import {
  Fragment,
  useImperativeHandle,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEventHandler,
  type ReactNode,
  type Ref,
} from 'react';

export interface VirtualListHandle {
  /** Scrolls just enough to show the item, and renders it before the next paint. */
  scrollToIndex(index: number): void;
}

export interface VirtualListProps<T> {
  readonly items: readonly T[];
  /** The item's height at the list's inner width. */
  readonly itemHeight: (item: T, width: number) => number;
  readonly itemKey: (item: T) => string;
  readonly renderItem: (item: T, index: number, style: CSSProperties) => ReactNode;
  readonly overscanPx?: number;
  readonly className?: string;
  readonly label: string;
  readonly onKeyDown?: KeyboardEventHandler<HTMLDivElement>;
  /** The row to keep still on screen when rows are added or removed above it. */
  readonly anchorKey?: string | null;
  /** When this changes (a new search), the list starts again from the top. */
  readonly resetKey?: string;
  readonly ref?: Ref<VirtualListHandle>;
}

/** Index of the last item whose top is at or above `y`. */
function itemAt(offsets: Float64Array, count: number, y: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (offsets[mid]! <= y) low = mid;
    else high = mid - 1;
  }
  return Math.max(0, low);
}

export function VirtualList<T>({
  items,
  itemHeight,
  itemKey,
  renderItem,
  overscanPx = 240,
  className,
  label,
  onKeyDown,
  anchorKey = null,
  resetKey = '',
  ref,
}: VirtualListProps<T>) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState({ height: 0, width: 0 });

  const offsets = useMemo(() => {
    const result = new Float64Array(items.length + 1);
    for (let i = 0; i < items.length; i++) {
      result[i + 1] = result[i]! + itemHeight(items[i]!, viewport.width);
    }
    return result;
  }, [items, itemHeight, viewport.width]);
  const total = offsets[items.length]!;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    // The observer reports the initial size too, so no synchronous read is needed.
    const observer = new ResizeObserver(() =>
      setViewport((old) =>
        old.height === element.clientHeight && old.width === element.clientWidth
          ? old
          : { height: element.clientHeight, width: element.clientWidth },
      ),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Rows appearing above the one the user works on (a favourite pinned, a
  // session folded) must not move it: shift the scroll position by as much.
  const anchor = useRef<{ key: string | null; top: number; reset: string }>({
    key: null,
    top: 0,
    reset: resetKey,
  });
  useLayoutEffect(() => {
    const element = scroller.current;
    const previous = anchor.current;
    const index = anchorKey === null ? -1 : items.findIndex((item) => itemKey(item) === anchorKey);
    const top = index >= 0 ? offsets[index]! : 0;
    anchor.current = { key: index >= 0 ? anchorKey : null, top, reset: resetKey };
    if (!element) return;
    let next = element.scrollTop;
    if (previous.reset !== resetKey) next = 0;
    else if (index >= 0 && previous.key === anchorKey && previous.top !== top) {
      next = Math.max(0, element.scrollTop + top - previous.top);
    }
    if (next === element.scrollTop) return;
    element.scrollTop = next;
    // The scroll position lives in the DOM; render the rows for it before paint.
    setScrollTop(element.scrollTop);
  }, [items, offsets, anchorKey, resetKey, itemKey]);

  useImperativeHandle(
    ref,
    () => ({
      scrollToIndex(index) {
        const element = scroller.current;
        if (!element || index < 0 || index >= items.length) return;
        const top = offsets[index]!;
        const bottom = offsets[index + 1]!;
        let next = element.scrollTop;
        if (top < next) next = top;
        else if (bottom > next + element.clientHeight) next = bottom - element.clientHeight;
        if (next !== element.scrollTop) element.scrollTop = next;
        setScrollTop(element.scrollTop);
      },
    }),
    [items.length, offsets],
  );

  const visible: ReactNode[] = [];
  if (items.length > 0) {
    const first = itemAt(offsets, items.length, Math.max(0, scrollTop - overscanPx));
    // Before the first measurement, render one screenful so the list is never blank.
    const end = scrollTop + (viewport.height || 800) + overscanPx;
    for (let i = first; i < items.length && offsets[i]! < end; i++) {
      const item = items[i]!;
      visible.push(
        <Fragment key={itemKey(item)}>
          {renderItem(item, i, {
            position: 'absolute',
            top: offsets[i],
            height: offsets[i + 1]! - offsets[i]!,
            left: 0,
            right: 0,
          })}
        </Fragment>,
      );
    }
  }

  return (
    <div
      ref={scroller}
      className={className}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <div role="list" aria-label={label} className="virtual-list-body" style={{ height: total }}>
        {visible}
      </div>
    </div>
  );
}
