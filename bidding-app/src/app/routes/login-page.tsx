import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { messageOf } from '../../lib/api-client';
import { registerPath } from '../../lib/auth-paths';
import { sessionStore } from '../../lib/session-store';
import { useLogin } from '../../features/auth/api/login';
import { AuthForm } from '../../features/auth/components/auth-form';
import { useNextPath } from '../../features/auth/hooks/use-next-path';
import { useSession } from '../../features/auth/hooks/use-session';

export function LoginPage() {
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const login = useLogin();
  const navigate = useNavigate();
  const next = useNextPath();
  const { endedBecause } = useSession();
  // Read once: the notice stays on screen while the user logs in again.
  const [notice] = useState(endedBecause === 'expired' ? 'Your session has expired. Please log in again.' : null);
  useEffect(() => sessionStore.acknowledgeEnd(), []);

  const submit = () => {
    if (identifier.trim() === '' || password === '') return setError('Enter your email or username and your password.');
    setError(null);
    login.mutate(
      { identifier: identifier.trim(), password },
      { onSuccess: () => navigate(next, { replace: true }), onError: (err) => setError(messageOf(err)) },
    );
  };

  return (
    <AuthForm
      title="Log in"
      notice={notice}
      fields={[
        { name: 'identifier', label: 'Email or username', type: 'text', autoComplete: 'username', value: identifier, onChange: setIdentifier },
        { name: 'password', label: 'Password', type: 'password', autoComplete: 'current-password', value: password, onChange: setPassword },
      ]}
      submitLabel="Log in"
      pending={login.isPending}
      error={error}
      onSubmit={submit}
      footer={
        <>
          New here? <Link to={registerPath(next)}>Create an account</Link>
        </>
      }
    />
  );
}
