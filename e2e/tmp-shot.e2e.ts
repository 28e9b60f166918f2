import { it } from 'vitest';
import { openApp, see, cell } from './harness.js';
it('shot', async () => {
  const s = await openApp({ workspace: 'demo', viewport: { width: 1440, height: 900 } });
  const ms = await s.api.call('measures:list', {});
  await see.visible(cell(s.page, ms[0]!.id, 'title'));
  await s.page.getByRole('button', { name: 'Hierarchy' }).click();
  await s.page.getByLabel('Filter by Implementation').selectOption('red');
  await s.page.waitForTimeout(800);
  await s.page.screenshot({ path: '/tmp/h2.png' });
  await s.page.getByRole('button', { name: 'Export…' }).click();
  await s.page.waitForTimeout(300);
  await s.page.screenshot({ path: '/tmp/h3.png' });
  await s.close();
});
