import { useRef } from 'react';

/**
 * The handle between two panes: drag it, or focus it and use ← / →, to resize the pane it
 * belongs to. `edge` says which side of that pane the handle is on.
 */
export function Splitter(props: { label: string; width: number; min: number; max: number; edge: 'right' | 'left'; onResize: (px: number) => void }) {
  const start = useRef<{ x: number; width: number } | null>(null);
  const sign = props.edge === 'right' ? 1 : -1;
  return (
    <div
      className="splitter"
      role="separator"
      aria-orientation="vertical"
      aria-label={props.label}
      aria-valuenow={props.width}
      aria-valuemin={props.min}
      aria-valuemax={props.max}
      tabIndex={0}
      onPointerDown={(e) => {
        start.current = { x: e.clientX, width: props.width };
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={(e) => {
        if (start.current) props.onResize(start.current.width + sign * (e.clientX - start.current.x));
      }}
      onPointerUp={() => (start.current = null)}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
        e.preventDefault();
        props.onResize(props.width + sign * (e.key === 'ArrowRight' ? 24 : -24));
      }}
    />
  );
}
