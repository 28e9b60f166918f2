import { useLayoutEffect, useRef, useState } from 'react';
import { MenuButton } from '../../components/MenuButton';
import type { View } from './slice';

const MORE_WIDTH = 110;
/** The workspace name keeps at least this much room (with its full name as a tooltip). */
const NAME_MIN = 120;

/** Room the tabs may take in the top bar: its width less every other item and the name's minimum. */
function roomFor(nav: HTMLElement): number {
  const bar = nav.parentElement;
  if (!bar) return nav.clientWidth;
  const cs = getComputedStyle(bar);
  const gap = parseFloat(cs.columnGap) || 0;
  let room = bar.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
  const items = [...bar.children] as HTMLElement[];
  for (const el of items) {
    if (el === nav || ['fixed', 'absolute'].includes(getComputedStyle(el).position)) continue;
    room -= el.classList.contains('ws-name') ? NAME_MIN : el.offsetWidth;
  }
  return room - gap * (items.length - 1);
}

/**
 * The views as tabs on one line: those that do not fit (a projector, a zoomed window) go to a
 * "More ▾" menu at the end, never to a second line. Widths are measured once each tab has been
 * drawn, so the cut follows the real text at the user's zoom.
 */
export function ViewTabs(props: { tabs: [View, string][]; view: View; setView: (v: View) => void }) {
  const { tabs, view, setView } = props;
  const navRef = useRef<HTMLElement>(null);
  const widths = useRef(new Map<View, number>());
  const [fit, setFit] = useState(tabs.length);

  useLayoutEffect(() => {
    const nav = navRef.current;
    if (!nav) return;
    const measure = () => {
      for (const b of nav.querySelectorAll<HTMLElement>('[data-tab]')) widths.current.set(b.dataset.tab as View, b.offsetWidth);
      const avail = roomFor(nav);
      const all = tabs.reduce((a, [v]) => a + (widths.current.get(v) ?? 90) + 2, 0);
      if (all <= avail) return setFit(tabs.length);
      let used = MORE_WIDTH;
      let n = 0;
      for (const [v] of tabs) {
        used += (widths.current.get(v) ?? 90) + 2;
        if (used > avail) break;
        n++;
      }
      setFit(Math.max(1, n));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(nav.parentElement ?? nav);
    return () => ro.disconnect();
  }, [tabs]);

  const shown = tabs.slice(0, fit);
  const rest = tabs.slice(fit);
  const activeInMenu = rest.find(([v]) => v === view);
  return (
    <nav className="tabs" aria-label="Views" ref={navRef}>
      {shown.map(([v, label]) => (
        <button key={v} data-tab={v} className={view === v ? 'active' : ''} aria-pressed={view === v} onClick={() => setView(v)}>
          {label}
        </button>
      ))}
      {rest.length > 0 && (
        <MenuButton label={activeInMenu ? `${activeInMenu[1]} ▾` : 'More ▾'} ariaLabel={activeInMenu ? `${activeInMenu[1]} (more views)` : 'More views'} className={activeInMenu ? 'tab-more active' : 'tab-more'}>
          {(close) =>
            rest.map(([v, label]) => (
              <button key={v} role="menuitemradio" aria-checked={view === v} onClick={() => (close(), setView(v))}>
                {label}
              </button>
            ))
          }
        </MenuButton>
      )}
    </nav>
  );
}
