import { useState } from 'react';
import type { UseMutationResult } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { messageOf } from '../../../lib/api-client';
import { useNextPath } from './use-next-path';

/**
 * What the login and register forms do alike: one error line, the form's own
 * check before anything is sent, the server's words when it refuses, and once
 * signed in, on to where the user was headed (`next`).
 */
export function useAuthSubmit<Data, Input>(mutation: UseMutationResult<Data, Error, Input>) {
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const next = useNextPath();

  /** Shows `problem` if the form found one; otherwise sends `input`. */
  const submit = (problem: string | null, input: Input) => {
    if (problem) return setError(problem);
    setError(null);
    mutation.mutate(input, {
      // Replace: going back should not land on the form again.
      onSuccess: () => navigate(next, { replace: true }),
      onError: (err) => setError(messageOf(err)),
    });
  };

  return { error, next, pending: mutation.isPending, submit };
}
