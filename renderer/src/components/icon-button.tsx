// A button that shows only an icon: its accessible name is required, and the
// same text (or a shorter one) is its tooltip. Inside a list row it is not a
// Tab stop of its own (the list's arrow keys reach it: list-keys.ts).
import { useEffect, useState } from 'react';
import { Icon, type IconName } from './icons';

interface IconButtonProps {
  readonly icon: IconName;
  readonly label: string;
  readonly title?: string;
  readonly disabled?: boolean;
  /** A control inside a list row: reached with the arrow keys, not Tab. */
  readonly inRow?: boolean;
  readonly onClick: () => void;
}

export function IconButton(props: IconButtonProps) {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={props.label}
      title={props.title ?? props.label}
      disabled={props.disabled}
      tabIndex={props.inRow ? -1 : undefined}
      data-control={props.inRow ? '' : undefined}
      onClick={props.onClick}
    >
      <Icon name={props.icon} />
    </button>
  );
}

/** How long a copy button shows its check mark. */
export const COPIED_MS = 1500;

/** A copy button whose icon turns into a check for a moment once the copy is done. */
export function CopyButton(
  props: Omit<IconButtonProps, 'icon' | 'onClick'> & {
    readonly onCopy: () => Promise<boolean>;
  },
) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(false), COPIED_MS);
    return () => window.clearTimeout(timer);
  }, [copied]);
  return (
    <button
      type="button"
      className={`icon-button copy-button${copied ? ' copied' : ''}`}
      aria-label={props.label}
      title={props.title ?? props.label}
      disabled={props.disabled}
      tabIndex={props.inRow ? -1 : undefined}
      data-control={props.inRow ? '' : undefined}
      data-copied={copied ? 'true' : 'false'}
      onClick={() => void props.onCopy().then((done) => done && setCopied(true))}
    >
      <Icon name={copied ? 'check' : 'copy'} />
    </button>
  );
}
