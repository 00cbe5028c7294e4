import { describe, expect, it } from 'vitest';

import { checkPassphrase } from './crypt';

describe('a new passphrase', () => {
  it('needs eight characters, counted as letters (a Vietnamese letter is one)', () => {
    expect(checkPassphrase('ngắn', 'ngắn')?.message).toContain('ít nhất 8');
    // "Đồng ý!!" is 8 letters however it was typed (NFD has more code points).
    const nfd = 'Đồng ý!!'.normalize('NFD');
    expect(checkPassphrase('Đồng ý!!', nfd)).toBeNull();
  });

  it('refuses spaces at either end and two different entries', () => {
    expect(checkPassphrase(' mật khẩu dài', ' mật khẩu dài')?.message).toContain('dấu cách');
    expect(checkPassphrase('mật khẩu dài', 'mật khẩu dai')?.message).toContain('không giống');
    expect(checkPassphrase('mật khẩu dài', 'mật khẩu dài')).toBeNull();
  });
});
