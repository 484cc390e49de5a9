// The search field: focused when the window opens, Escape clears it, ArrowDown
// (or Escape when empty) moves into the list. `/` focuses it (global-keys.ts).
import type { Ref } from 'react';
import { Icon } from './icons';

interface SearchBoxProps {
  readonly query: string;
  readonly onQuery: (query: string) => void;
  readonly onLeave: () => void;
  readonly ref?: Ref<HTMLInputElement>;
}

export function SearchBox({ query, onQuery, onLeave, ref }: SearchBoxProps) {
  return (
    <div className="search">
      <Icon name="search" />
      <input
        ref={ref}
        type="search"
        aria-label="Search profiles"
        aria-keyshortcuts="/"
        placeholder="Search profiles   /"
        spellCheck={false}
        autoComplete="off"
        // The first thing a user does in a list of hundreds of profiles is type.
        autoFocus
        value={query}
        onChange={(event) => onQuery(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && query) {
            event.preventDefault();
            event.stopPropagation();
            onQuery('');
          } else if (event.key === 'ArrowDown' || (event.key === 'Escape' && !query)) {
            event.preventDefault();
            event.stopPropagation();
            onLeave();
          }
        }}
      />
    </div>
  );
}
