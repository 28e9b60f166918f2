import { PACK_SECTION_TITLES, PAPER_SIZES, type PackSettings } from '../../../preload/contract';
import { useApp } from '../../app/context';

/** Sections on/off and their order, paper and footer: saved for the whole workspace. */
export function PackLayoutForm() {
  const settings = useApp((s) => s.packSettings);
  const save = useApp((s) => s.savePackSettings);
  if (!settings) return null;
  const put = (patch: Partial<PackSettings>) => void save({ ...settings, ...patch });
  const move = (i: number, d: -1 | 1) => {
    const next = [...settings.sections];
    const [it] = next.splice(i, 1);
    next.splice(i + d, 0, it!);
    put({ sections: next });
  };
  return (
    <fieldset className="pack-layout">
      <legend>Sections (this workspace)</legend>
      <ol className="pack-sections">
        {settings.sections.map((s, i) => (
          <li key={s.key} data-section={s.key}>
            <label className="check">
              <input
                type="checkbox"
                checked={s.enabled}
                onChange={(e) => put({ sections: settings.sections.map((x) => (x.key === s.key ? { ...x, enabled: e.target.checked } : x)) })}
              />
              {PACK_SECTION_TITLES[s.key]}
            </label>
            <button title="Move up" aria-label={`Move ${PACK_SECTION_TITLES[s.key]} up`} disabled={i === 0} onClick={() => move(i, -1)}>
              ↑
            </button>
            <button title="Move down" aria-label={`Move ${PACK_SECTION_TITLES[s.key]} down`} disabled={i === settings.sections.length - 1} onClick={() => move(i, 1)}>
              ↓
            </button>
          </li>
        ))}
      </ol>
      <div className="row">
        <label>
          Paper
          <select name="paper" value={settings.paper} onChange={(e) => put({ paper: e.target.value as PackSettings['paper'] })}>
            {PAPER_SIZES.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label>
          Orientation
          <select name="orientation" value={settings.orientation} onChange={(e) => put({ orientation: e.target.value as PackSettings['orientation'] })}>
            <option value="landscape">Landscape</option>
            <option value="portrait">Portrait</option>
          </select>
        </label>
      </div>
      <label>
        Footer
        <input name="confidentiality" defaultValue={settings.confidentiality} onBlur={(e) => e.target.value !== settings.confidentiality && put({ confidentiality: e.target.value })} />
      </label>
    </fieldset>
  );
}
