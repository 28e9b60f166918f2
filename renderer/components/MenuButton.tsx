import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A button that opens a menu below it. Esc, a click outside or choosing an item closes it,
 * and the keyboard focus goes back to the button (the menu is never a trap).
 */
export function MenuButton(props: {
  label: ReactNode;
  /** The button's accessible name when its label is a symbol or short. */
  ariaLabel?: string;
  title?: string;
  className?: string;
  /** 'menu' for a list of actions; 'group' for a panel of controls (checkboxes). */
  role?: 'menu' | 'group';
  menuLabel?: string;
  menuClassName?: string;
  align?: 'left' | 'right';
  children: (close: () => void) => ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!boxRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    // The first item takes the focus, so arrows and Esc work at once.
    boxRef.current?.querySelector<HTMLElement>('.menu-list button:not(:disabled), .menu-list input, .menu-list select')?.focus();
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);
  const role = props.role ?? 'menu';
  return (
    <div
      className={`menu ${props.className ?? ''}`}
      ref={boxRef}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          e.stopPropagation();
          close();
        } else if (open && role === 'menu' && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
          const items = [...(boxRef.current?.querySelectorAll<HTMLElement>('.menu-list [role^=menuitem]:not(:disabled)') ?? [])];
          const at = items.indexOf(document.activeElement as HTMLElement);
          const next = items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
          next?.focus();
          e.preventDefault();
        }
      }}
    >
      <button ref={buttonRef} aria-haspopup={role === 'menu' ? 'menu' : 'true'} aria-expanded={open} aria-label={props.ariaLabel} title={props.title} onClick={() => setOpen(!open)}>
        {props.label}
      </button>
      {open && (
        <div className={`menu-list ${props.align === 'right' ? 'menu-right' : ''} ${props.menuClassName ?? ''}`} role={role} aria-label={props.menuLabel ?? props.ariaLabel}>
          {props.children(() => close())}
        </div>
      )}
    </div>
  );
}
