import { useEffect, useId, useRef, useState } from 'react';

export interface MenuAction {
  id: string;
  label: string;
  onSelect: () => void;
  danger?: boolean;
}

/**
 * A row's Actions button and its list of actions (a disclosure of native buttons: Tab and Enter
 * work as everywhere). Escape or a click elsewhere closes it and the focus returns to the button.
 */
export function ActionsMenu({ text, label, actions }: { text: string; label: string; actions: MenuAction[] }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const outside = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('mousedown', outside);
    document.addEventListener('keydown', escape);
    box.current?.querySelector<HTMLButtonElement>('ul button')?.focus();
    return () => {
      document.removeEventListener('mousedown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);
  return (
    <div className={open ? 'row-menu open' : 'row-menu'} ref={box}>
      <button
        ref={button}
        type="button"
        className="row-menu-button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={label}
        onClick={() => setOpen((o) => !o)}
      >
        {text} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul id={id} className="row-menu-list">
          {actions.map((a) => (
            <li key={a.id}>
              <button
                type="button"
                className={a.danger ? 'danger' : undefined}
                data-action={a.id}
                onClick={() => {
                  // the Actions button keeps the focus, so a dialog the action opens gives it back there
                  button.current?.focus();
                  setOpen(false);
                  a.onSelect();
                }}
              >
                {a.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
