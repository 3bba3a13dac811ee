/**
 * The client's "My support at work" lists the plan's steps and says which one is in force now;
 * the plan counts whole weeks (Monday to Sunday), so a step begun mid-week is in force from the
 * next Monday and the list must say that day, or "Now" and the list disagree.
 */
import { describe, expect, it } from 'vitest';
import { inForceFrom, type FadingStep } from './words';

const step = (fromDate: string): FadingStep => ({
  fromDate,
  coachHoursPerWeek: 4,
  shareOfShiftPercent: null,
});

describe('inForceFrom', () => {
  // 7 October 2026 is a Wednesday, 4 November a Wednesday, 30 November a Monday.
  const steps = [step('2026-10-07'), step('2026-11-04'), step('2026-11-30'), step('2026-12-06')];

  it('keeps the first step on its own day, even mid-week', () => {
    expect(inForceFrom(steps, 0)).toBe('2026-10-07');
  });
  it('moves a later step begun mid-week to the next Monday', () => {
    expect(inForceFrom(steps, 1)).toBe('2026-11-09');
  });
  it('keeps a later step begun on a Monday', () => {
    expect(inForceFrom(steps, 2)).toBe('2026-11-30');
  });
  it('moves a step begun on a Sunday to the next day', () => {
    expect(inForceFrom(steps, 3)).toBe('2026-12-07');
  });
});
