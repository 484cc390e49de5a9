// `?`: the keyboard shortcuts, in a dialog Escape closes.
import { useId } from 'react';
import { SHORTCUTS } from '../app/global-keys';
import { Dialog } from './dialog';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const titleId = useId();
  return (
    <Dialog labelledBy={titleId} className="shortcuts-dialog" onClose={onClose}>
      <h2 id={titleId}>Keyboard shortcuts</h2>
      <dl className="shortcuts">
        {SHORTCUTS.map(({ keys, does }) => (
          <div key={does} className="shortcut">
            <dt>
              {keys.map((key) => (
                <kbd key={key}>{key}</kbd>
              ))}
            </dt>
            <dd>{does}</dd>
          </div>
        ))}
      </dl>
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
