import { describe, expect, it } from 'vitest';

import { formatDate, formatDateTime, formatNumber, formatTarget, opSymbol } from './format';

describe('formatNumber', () => {
  it('uses a decimal comma', () => {
    expect(formatNumber(0.71)).toBe('0,71');
    expect(formatNumber(2.5)).toBe('2,5');
  });

  it('groups thousands with a dot', () => {
    expect(formatNumber(1250.5)).toBe('1.250,5');
    expect(formatNumber(1250)).toBe('1.250');
    expect(formatNumber(1234567.25)).toBe('1.234.567,25');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1.000');
  });

  it('drops trailing zeros and rounds to the allowed decimals', () => {
    expect(formatNumber(100)).toBe('100');
    expect(formatNumber(85.0)).toBe('85');
    expect(formatNumber(0.714)).toBe('0,71');
    expect(formatNumber(0.716)).toBe('0,72');
    expect(formatNumber(1 / 3)).toBe('0,33');
    expect(formatNumber(1 / 3, 4)).toBe('0,3333');
    expect(formatNumber(2.999, 2)).toBe('3');
  });

  it('handles zero, negatives and non-finite values', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-1250.5)).toBe('-1.250,5');
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('opSymbol', () => {
  it('prints >= and <= as single symbols and keeps the others', () => {
    expect(opSymbol('>=')).toBe('≥');
    expect(opSymbol('<=')).toBe('≤');
    expect(opSymbol('>')).toBe('>');
    expect(opSymbol('<')).toBe('<');
    expect(opSymbol('=')).toBe('=');
  });
});

describe('formatTarget', () => {
  it('writes a percent target with the sign stuck to the number', () => {
    expect(formatTarget({ op: '>=', value: 85, unit: '%' })).toBe('≥ 85%');
    expect(formatTarget({ op: '>', value: 95, unit: '%' })).toBe('> 95%');
  });

  it('keeps a strict comparison strict', () => {
    expect(formatTarget({ op: '>', value: 60, unit: '%' })).toBe('> 60%');
    expect(formatTarget({ op: '<', value: 5, unit: '%' })).toBe('< 5%');
  });

  it('writes decimals with a comma and other units after a space', () => {
    expect(formatTarget({ op: '>=', value: 0.71, unit: 'điểm' })).toBe('≥ 0,71 điểm');
    expect(formatTarget({ op: '=', value: 1250.5, unit: 'hồ sơ' })).toBe('= 1.250,5 hồ sơ');
  });

  it('writes a bare number when there is no unit', () => {
    expect(formatTarget({ op: '<=', value: 3, unit: '' })).toBe('≤ 3');
    expect(formatTarget({ op: '<=', value: 3, unit: '  ' })).toBe('≤ 3');
  });
});

describe('formatDate', () => {
  it('writes an ISO date as dd/mm/yyyy, keeping leading zeros', () => {
    expect(formatDate('2026-12-31')).toBe('31/12/2026');
    expect(formatDate('2026-01-05')).toBe('05/01/2026');
  });

  it('uses the date part of a timestamp', () => {
    expect(formatDate('2026-03-05T08:30:00+07:00')).toBe('05/03/2026');
  });

  it('shows a dash for a missing date', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate(undefined)).toBe('—');
    expect(formatDate('')).toBe('—');
  });

  it('returns text that is not an ISO date unchanged rather than hiding it', () => {
    expect(formatDate('Quý I/2026')).toBe('Quý I/2026');
    expect(formatDate('2026-13-01')).toBe('2026-13-01');
    expect(formatDate('2026-00-10')).toBe('2026-00-10');
  });
});

describe('formatDateTime', () => {
  it('writes a recorded timestamp as day/month/year hours:minutes, in its own offset', () => {
    expect(formatDateTime('2026-11-27T09:05:12+07:00')).toBe('27/11/2026 09:05');
    expect(formatDateTime('2026-01-02T00:00:00Z')).toBe('02/01/2026 00:00');
  });

  it('keeps a bare date a date and anything else as it is', () => {
    expect(formatDateTime('2026-03-04')).toBe('04/03/2026');
    expect(formatDateTime('hôm qua')).toBe('hôm qua');
    expect(formatDateTime(null)).toBe('—');
  });
});
