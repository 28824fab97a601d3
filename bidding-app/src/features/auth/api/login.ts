import { useMutation } from '@tanstack/react-query';
import { signInThrough } from './sign-in';

export interface LoginInput {
  identifier: string;
  password: string;
}

export const login = (input: LoginInput) => signInThrough('/api/auth/local', input);

export const useLogin = () => useMutation({ mutationFn: login });
