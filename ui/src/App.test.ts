// The startup-error screen: when app_info says the store did not open, the window shows why
// and what to do, with no navigation, and nothing else is asked of the backend. Rendered on the
// server side (Vitest runs in node, without a DOM), after the session has read app_info.

import { render } from 'svelte/server';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: string[] = [];
const status = {
  summary: { data_dir: '/home/tra/.local/share/kiemtra' },
  profile: null,
  startup_error: {
    code: 'database_too_new',
    message: 'Dữ liệu do phiên bản mới hơn ghi (phiên bản dữ liệu 9, ứng dụng này đọc được tới 7).',
    field: null,
  },
};

vi.mock('./lib/api', async (original) => {
  const real = await original<typeof import('./lib/api')>();
  // Every command wrapper records its call; app_info answers with the startup error.
  const mocked: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(real)) {
    mocked[name] =
      typeof value === 'function' && name !== 'toApiError' && name !== 'ApiError'
        ? (...args: unknown[]) => {
            calls.push(name);
            return name === 'appInfo' ? Promise.resolve(status) : Promise.reject(new Error(`${name} ${String(args)}`));
          }
        : value;
  }
  return mocked;
});

const { session } = await import('./lib/session.svelte');
const { nextStep } = await import('./lib/errors');
const { default: App } = await import('./App.svelte');

beforeEach(() => {
  calls.length = 0;
});

describe('the window when the store did not open at start', () => {
  it('shows only the error, its next step and the data folder', async () => {
    await session.refreshStatus();
    expect(calls).toEqual(['appInfo']);
    expect(session.startupError?.code).toBe('database_too_new');

    const { body } = render(App);
    expect(body).toContain('id="startup-error"');
    expect(body).toContain('Không mở được dữ liệu');
    expect(body).toContain(status.startup_error.message);
    expect(body).toContain(nextStep('database_too_new'));
    expect(nextStep('database_too_new')).toContain('phiên bản mới nhất');
    expect(body).toContain('/home/tra/.local/share/kiemtra');
    // No navigation, no screens.
    expect(body).not.toContain('data-testid="nav-');
    expect(body).not.toContain('id="content"');
    expect(calls).toEqual(['appInfo']);
  });

  it('has its own next step for every reason the store may not open', () => {
    for (const code of ['database_too_new', 'store_busy', 'store_corrupt', 'store_unavailable', 'internal']) {
      expect(nextStep(code), code).not.toBe(nextStep('unknown_code'));
    }
  });

  it('shows the unlock screen, and nothing else, for an encrypted store', async () => {
    status.startup_error = {
      code: 'store_locked',
      message: 'Dữ liệu tại «/home/tra/.local/share/kiemtra/kiemtra.sqlite3» đã được mã hoá: cần mật khẩu để mở.',
      field: null,
    };
    await session.refreshStatus();
    const { body } = render(App);
    expect(body).toContain('data-testid="unlock"');
    expect(body).toContain('Dữ liệu đã được mã hoá');
    expect(body).toContain('type="password"');
    expect(body).toContain('Dùng khoá khôi phục');
    expect(body).not.toContain('id="startup-error"');
    expect(body).not.toContain('data-testid="nav-');
    expect(calls).toEqual(['appInfo']);
    expect(nextStep('wrong_passphrase')).toContain('khoá khôi phục');
  });

  it('shows the app as before when the store opened', async () => {
    status.startup_error = null as unknown as typeof status.startup_error;
    await session.refreshStatus();
    const { body } = render(App);
    expect(body).not.toContain('id="startup-error"');
    expect(body).toContain('data-testid="nav-');
  });
});
