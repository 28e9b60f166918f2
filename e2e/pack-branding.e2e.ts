import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pngOf } from '../main/domain/test-images.js';
import { ARTIFACTS, openApp, see, type Session } from './harness.js';

let s: Session | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

describe('pack branding in the app', () => {
  it('refuses a colour too light to read beside the field, keeps what was typed, then brands the preview with colours and a logo', async () => {
    s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 } });
    const { page, api, dir } = s;
    await page.getByRole('button', { name: 'Steering pack' }).click();
    const pages = page.locator('.pack-page');
    await expect.poll(() => pages.count()).toBeGreaterThan(8);
    const form = page.getByTestId('pack-branding');
    await form.scrollIntoViewIfNeeded();

    // Too light for a white page: refused at the field, the typed value kept, nothing saved.
    const title = form.getByLabel('Title colour', { exact: true });
    await title.fill('#FFF7D6');
    await form.getByRole('button', { name: 'Save branding' }).click();
    await see.contains(form.getByRole('alert'), 'Title colour #FFF7D6 is too light to read on a white page');
    await expect.poll(() => title.inputValue()).toBe('#FFF7D6');
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect((await api.call('pack:settings', {})).branding.primary).toBe('#1F2733');
    await page.screenshot({ path: join(ARTIFACTS, 'pack-branding-refused.png') });

    // A file that is not an image is refused before anything is sent.
    const bogus = join(dir, 'logo.gif');
    writeFileSync(bogus, 'GIF89a');
    await form.locator('input[type=file]').setInputFiles({ name: 'logo.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await see.contains(form.getByRole('alert').last(), 'logo.gif is not a PNG or JPEG image');

    // Fixed: the message goes; the client's colours and logo go on every page.
    await title.fill('#1F4E79');
    await expect.poll(() => form.getByText('too light to read').count()).toBe(0);
    await form.getByLabel('Accent colour', { exact: true }).fill('#C0392B');
    await form.getByLabel('Font').selectOption('Georgia');
    await form.locator('input[type=file]').setInputFiles({ name: 'northwind.png', mimeType: 'image/png', buffer: pngOf(400, 100, [200, 30, 40]) });
    await see.visible(form.getByRole('img', { name: 'Logo northwind.png' }));
    await form.getByRole('button', { name: 'Save branding' }).click();
    await see.contains(form.getByRole('status'), 'Saved');
    expect((await api.call('pack:settings', {})).branding).toMatchObject({ primary: '#1F4E79', accent: '#C0392B', font: 'Georgia', logo: { name: 'northwind.png', width: 400, height: 100 } });
    const first = pages.first();
    await see.visible(first.locator('img.pack-logo'));
    await expect.poll(() => first.locator('h2').first().evaluate((h) => getComputedStyle(h).color)).toBe('rgb(31, 78, 121)');
    await expect.poll(() => first.locator('.pack-head').evaluate((h) => getComputedStyle(h).borderBottomColor)).toBe('rgb(192, 57, 43)');
    expect(await first.evaluate((p) => getComputedStyle(p).fontFamily)).toMatch(/^Georgia/);
    // Every page carries the logo.
    await expect.poll(async () => (await pages.count()) === (await page.locator('.pack-page img.pack-logo').count())).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'pack-branding.png') });
  }, 120_000);
});
