import { describe, expect, it } from 'vitest';

import { fold, matchesQuery, searchKey } from './text';

describe('fold', () => {
  it('removes Vietnamese tone and vowel marks and lowers case', () => {
    expect(fold('Phường Thuận Thành')).toBe('phuong thuan thanh');
    expect(fold('Sở Văn hóa, Thể thao và Du lịch')).toBe('so van hoa, the thao va du lich');
    expect(fold('ỨNG DỤNG ĐỔI MỚI')).toBe('ung dung doi moi');
  });

  it('turns đ and Đ into d, which NFD alone does not decompose', () => {
    expect(fold('Đ')).toBe('d');
    expect(fold('đ')).toBe('d');
    expect(fold('Đa Mai')).toBe('da mai');
    expect('Đ'.normalize('NFD')).toBe('Đ'); // the reason for the explicit replacement
  });

  it('gives the same key for NFC and NFD input', () => {
    const nfc = 'Thuận Thành'.normalize('NFC');
    const nfd = 'Thuận Thành'.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(fold(nfd)).toBe(fold(nfc));
    expect(fold('Tha\u0300nh')).toBe('thanh');
  });

  it('keeps old-style and new-style accent placement equal (Hoà / Hòa, Thuỵ / Thụy)', () => {
    expect(fold('Hoà')).toBe(fold('Hòa'));
    expect(fold('Thuỵ')).toBe(fold('Thụy'));
  });

  it('leaves digits, punctuation and plain ASCII alone except for case', () => {
    expect(fold('KH167-2026 v1')).toBe('kh167-2026 v1');
    expect(fold('')).toBe('');
    expect(fold('≥ 85%')).toBe('≥ 85%');
  });
});

describe('searchKey and matchesQuery', () => {
  it('collapses white space and trims', () => {
    expect(searchKey('  Xã   Tam\tTiến ')).toBe('xa tam tien');
  });

  it('matches typed text without diacritics anywhere in the text', () => {
    const key = searchKey('Phường Thuận Thành');
    expect(matchesQuery(key, 'thuan thanh')).toBe(true);
    expect(matchesQuery(key, 'THUẬN')).toBe(true);
    expect(matchesQuery(key, '  thuan   thanh ')).toBe(true);
    expect(matchesQuery(key, 'thanh thuan')).toBe(false);
  });

  it('treats an empty or blank query as matching everything', () => {
    expect(matchesQuery('abc', '')).toBe(true);
    expect(matchesQuery('abc', '   ')).toBe(true);
  });
});
