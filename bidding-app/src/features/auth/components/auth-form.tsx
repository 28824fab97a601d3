import { useId, type FormEvent, type ReactNode } from 'react';

export interface AuthField {
  name: string;
  label: string;
  type: 'text' | 'email' | 'password';
  autoComplete: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
}

/** The shared shape of the login and register forms: labelled fields, one error line, one button. */
export function AuthForm(props: {
  title: string;
  fields: AuthField[];
  submitLabel: string;
  pending: boolean;
  error: string | null;
  notice?: string | null;
  onSubmit(): void;
  footer: ReactNode;
}) {
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <section className="auth" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{props.title}</h1>
      {props.notice && (
        <p className="notice" role="status">
          {props.notice}
        </p>
      )}
      <form onSubmit={submit} noValidate className="auth__form">
        {props.fields.map((field) => (
          <div className="field" key={field.name}>
            <label htmlFor={`${id}-${field.name}`}>{field.label}</label>
            <input
              id={`${id}-${field.name}`}
              name={field.name}
              type={field.type}
              autoComplete={field.autoComplete}
              value={field.value}
              onChange={(e) => field.onChange(e.target.value)}
              aria-describedby={field.hint ? `${id}-${field.name}-hint` : undefined}
              required
            />
            {field.hint && (
              <p className="field__hint" id={`${id}-${field.name}-hint`}>
                {field.hint}
              </p>
            )}
          </div>
        ))}
        {props.error && (
          <p className="form-error" role="alert" data-testid="auth-error">
            {props.error}
          </p>
        )}
        <button type="submit" className="button button--primary" disabled={props.pending}>
          {props.pending ? 'Please wait…' : props.submitLabel}
        </button>
      </form>
      <p className="auth__footer">{props.footer}</p>
    </section>
  );
}
