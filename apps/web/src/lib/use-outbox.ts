import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { failedChanges, flush, pendingChanges, subscribe } from './offline-queue';

let pendingSnapshot = pendingChanges();
let failedSnapshot = failedChanges();
function refreshSnapshots() {
  pendingSnapshot = pendingChanges();
  failedSnapshot = failedChanges();
}

function subscribeSnapshots(listener: () => void) {
  return subscribe(() => {
    refreshSnapshots();
    listener();
  });
}

export function usePendingChanges() {
  const pending = useSyncExternalStore(subscribeSnapshots, () => pendingSnapshot);
  const failed = useSyncExternalStore(subscribeSnapshots, () => failedSnapshot);
  return { pending, failed };
}

/** Sends waiting changes when the connection returns (and at start), then refreshes what they touched. */
export function useOutboxDelivery(enabled: boolean) {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    const deliver = () => {
      if (pendingChanges().length === 0) return;
      void flush().then(() => queryClient.invalidateQueries());
    };
    deliver();
    window.addEventListener('online', deliver);
    const timer = setInterval(deliver, 30_000);
    return () => {
      window.removeEventListener('online', deliver);
      clearInterval(timer);
    };
  }, [enabled, queryClient]);
}
