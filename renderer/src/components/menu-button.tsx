// A "more actions" button and its menu, on the native popover: it opens in the
// top layer (never clipped by a row), Escape or a click elsewhere closes it and
// focus returns to the button. Arrow keys move between the items.
import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { Icon } from './icons';

export interface MenuItem {
  readonly label: string;
  readonly run: () => void;
  readonly disabled?: boolean;
}

interface MenuButtonProps {
  readonly label: string;
  readonly items: readonly MenuItem[];
  /** A control inside a list row: reached with the arrow keys, not Tab. */
  readonly inRow?: boolean;
}

const itemsOf = (menu: HTMLElement | null) =>
  menu ? [...menu.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not(:disabled)')] : [];

export function MenuButton({ label, items, inRow }: MenuButtonProps) {
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState(false);

  const place = () => {
    const anchor = button.current?.getBoundingClientRect();
    const element = menu.current;
    if (!anchor || !element) return;
    const width = element.offsetWidth;
    element.style.top = `${Math.round(anchor.bottom + 2)}px`;
    element.style.left = `${Math.round(Math.max(4, anchor.right - width))}px`;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const list = itemsOf(menu.current);
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    let next: HTMLButtonElement | undefined;
    if (event.key === 'ArrowDown') next = list[(at + 1) % list.length];
    else if (event.key === 'ArrowUp') next = list[(at - 1 + list.length) % list.length];
    else if (event.key === 'Home') next = list[0];
    else if (event.key === 'End') next = list.at(-1);
    else if (event.key === 'Tab') menu.current?.hidePopover();
    // The list around the menu must not act on these keys.
    event.stopPropagation();
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        className="icon-button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={id}
        popoverTarget={id}
        tabIndex={inRow ? -1 : undefined}
        data-control={inRow ? '' : undefined}
      >
        <Icon name="more" />
      </button>
      <div
        ref={menu}
        id={id}
        popover="auto"
        role="menu"
        aria-label={label}
        className="menu"
        onKeyDown={onKeyDown}
        onToggle={(event) => {
          const opened = event.newState === 'open';
          setOpen(opened);
          if (opened) {
            place();
            itemsOf(menu.current)[0]?.focus();
          }
        }}
      >
        {items.map((item) => (
          <button
            key={item.label}
            type="button"
            role="menuitem"
            className="menu-item"
            disabled={item.disabled}
            onClick={() => {
              menu.current?.hidePopover();
              item.run();
            }}
          >
            {item.label}
          </button>
        ))}
      </div>
    </>
  );
}
