import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { sessionStore } from '../../../lib/session-store';
import { authResponseSchema, toSession } from './auth-response';

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
}

export async function register(input: RegisterInput) {
  const body = await apiRequest('/api/auth/local/register', { method: 'POST', body: input, schema: authResponseSchema });
  sessionStore.signIn(toSession(body));
  return body.user;
}

export const useRegister = () => useMutation({ mutationFn: register });
