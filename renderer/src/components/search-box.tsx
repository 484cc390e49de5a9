// The search field: `/` anywhere focuses it, Escape clears it, ArrowDown
// moves into the list.
import { useEffect, useRef } from 'react';
import { Icon } from './icons';

interface SearchBoxProps {
  readonly query: string;
  readonly onQuery: (query: string) => void;
  readonly onLeave: () => void;
}

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function SearchBox({ query, onQuery, onLeave }: SearchBoxProps) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('[aria-modal="true"]')) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="search">
      <Icon name="search" />
      <input
        ref={input}
        type="search"
        aria-label="Search profiles"
        aria-keyshortcuts="/"
        placeholder="Search profiles   /"
        spellCheck={false}
        autoComplete="off"
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && query) {
            event.preventDefault();
            onQuery('');
          } else if (event.key === 'ArrowDown' || (event.key === 'Escape' && !query)) {
            event.preventDefault();
            onLeave();
          }
        }}
      />
    </div>
  );
}
