// Window-wide keys: they never steal a letter from a text field, never act
// behind an open dialog, and Escape always leads back to the list.
import { describe, expect, it } from 'vitest';
import { globalKeyIntent, type KeyFacts } from '../../../renderer/src/app/global-keys';

const facts = (over: Partial<KeyFacts>): KeyFacts => ({
  key: 'x',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  typing: false,
  dialogOpen: false,
  onList: true,
  ...over,
});

describe('globalKeyIntent', () => {
  it('/ searches and ? shows the shortcuts, unless the user is typing', () => {
    expect(globalKeyIntent(facts({ key: '/' }))).toBe('focus-search');
    expect(globalKeyIntent(facts({ key: '?' }))).toBe('shortcuts');
    expect(globalKeyIntent(facts({ key: '/', typing: true }))).toBeNull();
    expect(globalKeyIntent(facts({ key: '?', typing: true }))).toBeNull();
    expect(globalKeyIntent(facts({ key: '/', ctrlKey: true }))).toBeNull();
  });

  it('Escape leaves any view for the list, even from a field; the list keeps its own Escape', () => {
    expect(globalKeyIntent(facts({ key: 'Escape', onList: false }))).toBe('back');
    expect(globalKeyIntent(facts({ key: 'Escape', onList: false, typing: true }))).toBe('back');
    expect(globalKeyIntent(facts({ key: 'Escape', onList: true }))).toBeNull();
  });

  it('does nothing behind an open dialog', () => {
    for (const key of ['/', '?', 'Escape']) {
      expect(globalKeyIntent(facts({ key, dialogOpen: true, onList: false }))).toBeNull();
    }
  });
});
