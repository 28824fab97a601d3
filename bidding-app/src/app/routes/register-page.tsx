import { useState } from 'react';
import { Link } from 'react-router-dom';
import { loginPath } from '../../lib/auth-paths';
import { useRegister } from '../../features/auth/api/register';
import { AuthForm } from '../../features/auth/components/auth-form';
import { useAuthSubmit } from '../../features/auth/hooks/use-auth-submit';

const MIN_PASSWORD = 8;

/** Checks the cms would also make, here first so the message comes at once. */
export function registrationProblem(input: { username: string; email: string; password: string }): string | null {
  if (input.username.trim().length < 3) return 'Choose a username of at least 3 characters.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(input.email.trim())) return 'Enter a valid email address.';
  if (input.password.length < MIN_PASSWORD) return `Choose a password of at least ${MIN_PASSWORD} characters.`;
  return null;
}

export function RegisterPage() {
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, next, pending, submit } = useAuthSubmit(useRegister());

  const onSubmit = () =>
    submit(registrationProblem({ username, email, password }), { username: username.trim(), email: email.trim(), password });

  return (
    <AuthForm
      title="Create an account"
      fields={[
        {
          name: 'username',
          label: 'Username',
          type: 'text',
          autoComplete: 'username',
          value: username,
          onChange: setUsername,
          hint: 'Shown to others masked, like j***n.',
        },
        { name: 'email', label: 'Email', type: 'email', autoComplete: 'email', value: email, onChange: setEmail },
        {
          name: 'password',
          label: 'Password',
          type: 'password',
          autoComplete: 'new-password',
          value: password,
          onChange: setPassword,
          hint: `At least ${MIN_PASSWORD} characters.`,
        },
      ]}
      submitLabel="Create account"
      pending={pending}
      error={error}
      onSubmit={onSubmit}
      footer={
        <>
          Have an account? <Link to={loginPath(next)}>Log in</Link>
        </>
      }
    />
  );
}
