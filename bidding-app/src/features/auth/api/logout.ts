import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import { apiRequest } from '../../../lib/api-client';
import { sessionStore } from '../../../lib/session-store';

/**
 * Ends the session on the server (revoking the refresh token) and here. Leaving
 * this browser logged out matters more than the server's answer, so a failed
 * request still logs out locally.
 */
export async function logout() {
  try {
    await apiRequest('/api/auth/logout', { method: 'POST', body: {}, auth: 'user', schema: z.unknown() });
  } finally {
    sessionStore.signOut('logged_out');
  }
}

export const useLogout = () => useMutation({ mutationFn: logout });
