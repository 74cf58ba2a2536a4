import { useEffect, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { BrowserRouter } from 'react-router';
import { AuthProvider, useAuth } from '../lib/auth';
import { createQueryClient } from '../lib/query-client';
import { persistCache } from '../lib/offline-cache';
import { useOutboxDelivery } from '../lib/use-outbox';
import { AppRoutes } from './routes';

function Background() {
  const { status, offline } = useAuth();
  useOutboxDelivery(status === 'signedIn' && !offline);
  return null;
}

export function App({
  queryClient = createQueryClient(),
}: {
  queryClient?: ReturnType<typeof createQueryClient>;
}) {
  const [client] = useState(queryClient);
  useEffect(() => persistCache(client, () => localStorage.getItem('haven.lastUser')), [client]);
  return (
    <QueryClientProvider client={client}>
      <AuthProvider>
        <Background />
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AuthProvider>
    </QueryClientProvider>
  );
}
