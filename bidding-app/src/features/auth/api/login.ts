import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import { sessionStore } from '../../../lib/session-store';
import { authResponseSchema, toSession } from './auth-response';

export interface LoginInput {
  identifier: string;
  password: string;
}

export async function login(input: LoginInput) {
  const body = await apiRequest('/api/auth/local', { method: 'POST', body: input, schema: authResponseSchema });
  sessionStore.signIn(toSession(body));
  return body.user;
}

export const useLogin = () => useMutation({ mutationFn: login });
