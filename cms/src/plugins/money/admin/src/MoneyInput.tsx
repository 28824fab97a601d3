import * as React from 'react';
import { Field, TextInput, Typography } from '@strapi/design-system';
import { useForm } from '@strapi/admin/strapi-admin';
import { centsToInput, formatCents } from '@car-auction/contracts';
import { readMoneyInput } from './money-input-text';

interface MoneyInputProps {
  name: string;
  /** Biginteger values travel as digit strings. */
  value?: string | number | null;
  onChange(name: string, value: string | null): void;
  label: React.ReactNode;
  hint?: React.ReactNode;
  placeholder?: string;
  error?: string;
  required?: boolean;
  disabled?: boolean;
  attribute?: { min?: string | number };
}

const symbolOf = (currency: string | undefined) =>
  currency
    ? (new Intl.NumberFormat('en-US', { style: 'currency', currency }).formatToParts(0).find((p) => p.type === 'currency')?.value ??
      currency)
    : '';

/**
 * An amount as an editor types it ("15000", "15,000.50", "$15 000") in the
 * auction's currency, kept in the form as the digit string of its cents. Text
 * that is not an amount stays in the form as typed, so the form refuses to save
 * it, and the message says how to write one.
 */
const MoneyInput = React.forwardRef<HTMLInputElement, MoneyInputProps>(function MoneyInput(
  { name, value, onChange, label, hint, placeholder, error, required, disabled, attribute },
  ref,
) {
  // Outside an entry's form (a component's modal, the view settings) there is no currency to show.
  const currency = useForm('MoneyInput', (state) => (state.values as Record<string, unknown>).currency, false) as string | undefined;
  const stored = value === null || value === undefined || value === '' ? null : String(value);
  const storedCents = stored !== null && /^\d+$/.test(stored) ? Number(stored) : null;
  const [text, setText] = React.useState(() => (storedCents === null ? (stored ?? '') : centsToInput(storedCents)));
  const [problem, setProblem] = React.useState<string | null>(null);

  // The value changed from outside (a reload, another tab's save): show it. Only `stored` triggers this:
  // the text the editor is typing must not be rewritten while it reads as the same amount.
  React.useEffect(() => {
    const typed = readMoneyInput(text, Number(attribute?.min ?? 0));
    const typedCents = typed.ok ? typed.cents : undefined;
    if (storedCents !== null && typedCents !== storedCents) setText(centsToInput(storedCents));
    if (stored === null && typed.ok && typed.cents !== null) setText('');
  }, [stored]);

  const change = (next: string) => {
    setText(next);
    const read = readMoneyInput(next, Number(attribute?.min ?? 0));
    setProblem(read.ok ? null : read.message);
    onChange(name, read.ok ? (read.cents === null ? null : String(read.cents)) : next);
  };

  const shown = storedCents !== null ? formatCents(storedCents, currency ?? 'USD') : null;
  return (
    <Field.Root name={name} id={name} error={problem ?? error} hint={hint} required={required}>
      <Field.Label>{label}</Field.Label>
      <TextInput
        ref={ref}
        name={name}
        inputMode="decimal"
        autoComplete="off"
        placeholder={placeholder}
        disabled={disabled}
        value={text}
        startAction={<Typography textColor="neutral600">{symbolOf(currency)}</Typography>}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => change(event.target.value)}
        aria-describedby={`${name}-amount`}
      />
      <Typography id={`${name}-amount`} variant="pi" textColor="neutral600" data-testid={`money-${name}`}>
        {shown ? `${shown} (stored as ${storedCents} cents)` : ' '}
      </Typography>
      <Field.Hint />
      <Field.Error />
    </Field.Root>
  );
});

export default MoneyInput;
