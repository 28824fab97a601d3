import { useMutation } from '@tanstack/react-query';
import { signInThrough } from './sign-in';

export interface RegisterInput {
  username: string;
  email: string;
  password: string;
}

export const register = (input: RegisterInput) => signInThrough('/api/auth/local/register', input);

export const useRegister = () => useMutation({ mutationFn: register });
