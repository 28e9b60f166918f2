import { useEffect, useState } from 'react';
import { BRAND_FONTS, LOGO_MAX_BYTES, LOGO_MIMES, type PackBranding, type PackLogo } from '../../../preload/contract';
import { useApp } from '../../app/context';

type Field = 'primary' | 'accent' | 'font' | 'logo';
type Draft = { primary: string; accent: string; font: string; logo: PackBranding['logo'] };

/** Which field a refusal is about: the api names it, a schema refusal gives its path (settings.branding.logo.data). */
function fieldOf(path: string | undefined): Field | 'other' {
  const parts = (path ?? '').split('.');
  return (['primary', 'accent', 'font', 'logo'] as const).find((f) => parts.includes(f)) ?? 'other';
}

function readFile(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error('unreadable'));
    r.readAsDataURL(file);
  });
}

function ColourField({ name, label, value, error, onChange }: { name: Field; label: string; value: string; error?: string; onChange: (v: string) => void }) {
  const id = `brand-${name}`;
  const valid = /^#[0-9A-Fa-f]{6}$/.test(value);
  return (
    <div className="brand-field">
      <label htmlFor={id}>{label}</label>
      <div className="row">
        <input
          id={id}
          name={name}
          value={value}
          spellCheck={false}
          size={9}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={error ? 'invalid' : undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        <input type="color" aria-label={`Pick ${label.toLowerCase()}`} value={valid ? value.toLowerCase() : '#000000'} onChange={(e) => onChange(e.target.value.toUpperCase())} />
      </div>
      {error && (
        <p id={`${id}-error`} className="error-text" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/**
 * The workspace's branding of its packs: title and accent colours, font and logo, shown in the
 * preview, the PDF and the PowerPoint (and carried by the method file). Typed values stay when
 * refused, with the reason beside the field.
 */
export function PackBrandingForm() {
  const saved = useApp((s) => s.packSettings?.branding);
  const save = useApp((s) => s.savePackBranding);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Partial<Record<Field | 'other', string>>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (saved && !draft) setDraft({ ...saved });
  }, [saved, draft]);
  if (!saved || !draft) return null;
  const put = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setDone(false);
    // A field's message goes once it is changed again; the others stay until the next save.
    setErrors((e) => {
      const next = { ...e };
      for (const k of Object.keys(patch)) delete next[k as Field];
      return next;
    });
  };
  const changed = JSON.stringify(draft) !== JSON.stringify(saved);
  const chooseLogo = async (file: File | undefined) => {
    if (!file) return;
    if (!(LOGO_MIMES as readonly string[]).includes(file.type)) return setErrors((e) => ({ ...e, logo: `${file.name} is not a PNG or JPEG image; choose a PNG or JPEG file` }));
    if (file.size > LOGO_MAX_BYTES) return setErrors((e) => ({ ...e, logo: `${file.name} is ${Math.round(file.size / 1000)} KB; at most ${LOGO_MAX_BYTES / 1000} KB (save it smaller, e.g. 600 px wide)` }));
    try {
      const data = await readFile(file);
      put({ logo: { name: file.name, mime: file.type as PackLogo['mime'], data, width: 0, height: 0 } });
    } catch {
      setErrors((e) => ({ ...e, logo: `${file.name} could not be read` }));
    }
  };
  const submit = async () => {
    setBusy(true);
    try {
      const r = await save(draft as PackBranding);
      if (r.ok) {
        setErrors({});
        setDraft(null);
        setDone(true);
      } else {
        const next: Partial<Record<Field | 'other', string>> = {};
        for (const i of r.issues) {
          const f = fieldOf(i.field);
          next[f] = next[f] ? `${next[f]}; ${i.message}` : i.message;
        }
        setErrors(next);
      }
    } finally {
      setBusy(false);
    }
  };
  return (
    <fieldset className="pack-branding" data-testid="pack-branding">
      <legend>Branding (this workspace)</legend>
      <ColourField name="primary" label="Title colour" value={draft.primary} error={errors.primary} onChange={(v) => put({ primary: v })} />
      <ColourField name="accent" label="Accent colour" value={draft.accent} error={errors.accent} onChange={(v) => put({ accent: v })} />
      <div className="brand-field">
        <label htmlFor="brand-font">Font</label>
        <select id="brand-font" name="font" value={draft.font} onChange={(e) => put({ font: e.target.value })}>
          {BRAND_FONTS.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
        {errors.font && (
          <p className="error-text" role="alert">
            {errors.font}
          </p>
        )}
      </div>
      <div className="brand-field">
        <span id="brand-logo-label">Logo</span>
        <div className="row brand-logo">
          {draft.logo ? <img src={`data:${draft.logo.mime};base64,${draft.logo.data}`} alt={`Logo ${draft.logo.name}`} /> : <span className="muted">No logo</span>}
          <label className="button">
            {draft.logo ? 'Change…' : 'Choose logo…'}
            <input
              type="file"
              accept={LOGO_MIMES.join(',')}
              aria-labelledby="brand-logo-label"
              aria-describedby={errors.logo ? 'brand-logo-error' : undefined}
              className="visually-hidden"
              onChange={(e) => {
                void chooseLogo(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </label>
          {draft.logo && (
            <button type="button" onClick={() => put({ logo: null })}>
              Remove logo
            </button>
          )}
        </div>
        {errors.logo && (
          <p id="brand-logo-error" className="error-text" role="alert">
            {errors.logo}
          </p>
        )}
      </div>
      {errors.other && (
        <p className="error-text" role="alert">
          {errors.other}
        </p>
      )}
      <div className="row">
        <button type="button" className="primary" disabled={!changed || busy} onClick={() => void submit()}>
          Save branding
        </button>
        {changed && (
          <button type="button" disabled={busy} onClick={() => (setDraft({ ...saved }), setErrors({}))}>
            Discard
          </button>
        )}
        {done && !changed && <span className="muted" role="status">Saved: the pack shows it.</span>}
      </div>
    </fieldset>
  );
}
