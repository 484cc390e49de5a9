// A modal sheet on the native <dialog>: showModal() keeps focus inside and
// makes the rest of the window inert; Escape and a click on the backdrop close
// it; focus goes back where it was.
import { useLayoutEffect, useRef, type ReactNode } from 'react';

interface DialogProps {
  readonly labelledBy: string;
  readonly className?: string;
  readonly onClose: () => void;
  readonly children: ReactNode;
}

export function Dialog({ labelledBy, className, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const restore = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (restore?.isConnected) restore.focus({ preventScroll: true });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={labelledBy}
      className={`dialog${className ? ` ${className}` : ''}`}
      // Escape closes the dialog natively; the owner then drops it.
      onClose={onClose}
      onClick={(event) => {
        // The dialog element itself is hit only on its backdrop: its content fills it.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="dialog-body">{children}</div>
    </dialog>
  );
}
