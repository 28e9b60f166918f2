-- The workspace's branding of its packs (PDF, preview, PowerPoint): title and accent colours,
-- font and logo, as JSON {primary, accent, font, logo: {name, mime, data, width, height} | null}.
-- '{}' means the defaults (main/domain/pack-branding.ts). Synced like the rest of the layout.
ALTER TABLE pack_settings ADD COLUMN branding TEXT NOT NULL DEFAULT '{}';
