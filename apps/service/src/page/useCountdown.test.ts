import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BROWSER_CLOCK } from './Clock.ts';
import { useCountdown } from './useCountdown.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useCountdown, on the browser clock', () => {
  it('counts a wait down once a second, to 0, and then sets no more timers', () => {
    const { result } = renderHook(() => useCountdown(BROWSER_CLOCK, 3));
    expect(result.current[0]).toBe(3);
    act(() => vi.advanceTimersByTime(999));
    expect(result.current[0]).toBe(3);
    act(() => vi.advanceTimersByTime(1));
    expect(result.current[0]).toBe(2);
    act(() => vi.advanceTimersByTime(2000));
    expect(result.current[0]).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('starts a new wait when told, and with none counts nothing', () => {
    const { result } = renderHook(() => useCountdown(BROWSER_CLOCK));
    expect(result.current[0]).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    act(() => result.current[1](60));
    expect(result.current[0]).toBe(60);
    act(() => vi.advanceTimersByTime(45_000));
    expect(result.current[0]).toBe(15);
  });
});
