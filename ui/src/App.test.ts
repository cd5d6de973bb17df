import { describe, expect, it } from 'vitest';
import { render, screen, fireEvent } from '@testing-library/svelte';
import { mockIPC } from '@tauri-apps/api/mocks';
import App from './App.svelte';
import { tauriBackend } from './lib/api/backend';
import type { PlanSummary } from './lib/api/bindings/PlanSummary';
import { i18n } from './lib/i18n/i18n.svelte';

const summary: PlanSummary = {
  path: '/home/officer/Sample.nap',
  title: { text: 'National Action Plan on WPS 2026–2030', l2: 'ផែនការសកម្មភាពជាតិ' },
  country: 'XM',
  country_name: { text: 'Kingdom of Mekara', l2: null },
  start_year: 2026,
  end_year: 2030,
  status: 'consultation',
  base_currency: 'KHR',
  elements: {
    narrative: 7,
    results_framework: 95,
    resources: 1103,
    communication: 15,
    agency_plans: 2,
    coordination: 6,
  },
};

describe('App', () => {
  it('shows the open plan through the real IPC wrapper', async () => {
    i18n.lang = 'en';
    mockIPC((cmd) => {
      if (cmd === 'plan_summary') return summary;
      throw new Error(`unexpected command ${cmd}`);
    });
    render(App, { props: { backend: tauriBackend } });
    expect(await screen.findByText('National Action Plan on WPS 2026–2030')).toBeTruthy();
    expect(screen.getByTestId('period').textContent).toBe('2026–2030');
    expect(screen.getByTestId('element-resources').textContent).toContain('1,103');
    expect(screen.getByTestId('element-coordination').textContent).toContain('6');
  });

  it('switches to Khmer labels and the Khmer title', async () => {
    i18n.lang = 'en';
    mockIPC(() => summary);
    render(App, { props: { backend: tauriBackend } });
    await screen.findByText('National Action Plan on WPS 2026–2030');
    await fireEvent.click(screen.getByRole('button', { name: 'Switch the interface to Khmer' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('ផែនការសកម្មភាពជាតិ');
    expect(screen.getByText('ផែនការធនធាន (ការប៉ាន់ស្មានថវិកា)')).toBeTruthy();
    i18n.lang = 'en';
  });

  it('explains a refused file by its error code', async () => {
    i18n.lang = 'en';
    mockIPC(() => {
      throw { code: 'truncated', message: '/tmp/x.nap: the file is truncated' };
    });
    render(App, { props: { backend: tauriBackend } });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The file is incomplete');
    expect(alert.textContent).toContain('/tmp/x.nap: the file is truncated');
  });
});
