import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { clearCache, persistCache, restoreCache } from './offline-cache';

describe('the offline cache', () => {
  afterEach(() => clearCache());

  it('keeps the volunteer’s own queries when the page goes away before its half-second save', () => {
    const client = new QueryClient();
    const stop = persistCache(client, () => 'user-1');
    client.setQueryData(['my-signups'], { items: [{ status: 'confirmed' }] });
    client.setQueryData(['tasks', 'browse'], { items: [] });
    window.dispatchEvent(new Event('pagehide'));
    stop();

    const restored = new QueryClient();
    restoreCache(restored, 'user-1');
    expect(restored.getQueryData(['my-signups'])).toEqual({ items: [{ status: 'confirmed' }] });
    // Only the volunteer's own queries are kept.
    expect(restored.getQueryData(['tasks', 'browse'])).toBeUndefined();
  });

  it('gives nothing to another person signing in on the same phone', () => {
    const client = new QueryClient();
    const stop = persistCache(client, () => 'user-1');
    client.setQueryData(['my-signups'], { items: [{ status: 'confirmed' }] });
    window.dispatchEvent(new Event('pagehide'));
    stop();

    const other = new QueryClient();
    restoreCache(other, 'user-2');
    expect(other.getQueryData(['my-signups'])).toBeUndefined();
  });
});
