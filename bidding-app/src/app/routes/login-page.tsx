import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { registerPath } from '../../lib/auth-paths';
import { sessionStore } from '../../lib/session-store';
import { useLogin } from '../../features/auth/api/login';
import { AuthForm } from '../../features/auth/components/auth-form';
import { useAuthSubmit } from '../../features/auth/hooks/use-auth-submit';
import { useSession } from '../../features/auth/hooks/use-session';

export function LoginPage() {
  const [identifier, setIdentifier] = useState('');
  const [password, setPassword] = useState('');
  const { error, next, pending, submit } = useAuthSubmit(useLogin());
  const { endedBecause } = useSession();
  // Read once: the notice stays on screen while the user logs in again.
  const [notice] = useState(endedBecause === 'expired' ? 'Your session has expired. Please log in again.' : null);
  useEffect(() => sessionStore.acknowledgeEnd(), []);

  const onSubmit = () =>
    submit(identifier.trim() === '' || password === '' ? 'Enter your email or username and your password.' : null, {
      identifier: identifier.trim(),
      password,
    });

  return (
    <AuthForm
      title="Log in"
      notice={notice}
      fields={[
        {
          name: 'identifier',
          label: 'Email or username',
          type: 'text',
          autoComplete: 'username',
          value: identifier,
          onChange: setIdentifier,
        },
        { name: 'password', label: 'Password', type: 'password', autoComplete: 'current-password', value: password, onChange: setPassword },
      ]}
      submitLabel="Log in"
      pending={pending}
      error={error}
      onSubmit={onSubmit}
      footer={
        <>
          New here? <Link to={registerPath(next)}>Create an account</Link>
        </>
      }
    />
  );
}
