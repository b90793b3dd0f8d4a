import { MantineProvider } from '@mantine/core';
import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { sessionKey } from '../features/auth/session';
import { ApiError, setUnauthorizedHandler } from '../lib/api';
import { notifyError } from '../lib/notify';
import { router } from './router';
import { cssVariablesResolver, theme } from './theme';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Client errors (403, 404, …) will not change on retry; network and 5xx errors might.
      retry: (failureCount, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
  },
  mutationCache: new MutationCache({
    onError: (error, _variables, _result, mutation) => {
      // Forms that show the error next to themselves opt out of the toast.
      if (mutation.meta?.inlineError) return;
      if (error instanceof ApiError && error.status === 401) return;
      notifyError(error);
    },
  }),
});

// The session is gone (expired, signed out elsewhere): forget it, and RequireAuth sends the
// person to /sign-in?next=… for the page they were on.
setUnauthorizedHandler(() => {
  queryClient.setQueryData(sessionKey, null);
});

export function App({ nonce }: { nonce: string }) {
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      defaultColorScheme="light"
      getStyleNonce={() => nonce}
    >
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
