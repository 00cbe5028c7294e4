import { describe, expect, it } from 'vitest';

import { draftFieldOf } from './entries.svelte';

describe('draftFieldOf', () => {
  it('points at the answer field a refusal names, and at nothing otherwise', () => {
    expect(draftFieldOf('note')).toBe('note');
    expect(draftFieldOf('value')).toBe('value');
    expect(draftFieldOf('done_on')).toBe('done_on');
    expect(draftFieldOf('criterion')).toBeNull();
    expect(draftFieldOf(null)).toBeNull();
  });
});
