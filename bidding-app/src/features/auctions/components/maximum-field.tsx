/** How a maximum works, in one sentence, wherever a bidder can set one. */
export const MAXIMUM_EXPLAINED = 'We bid for you, only as much as needed to keep you in the lead, up to your maximum. No one else sees it.';

export interface MaximumFieldProps {
  id: string;
  label: string;
  value: string;
  onChange(value: string): void;
  /** The id of the error shown for this field, when there is one. */
  errorId: string | null;
  disabled: boolean;
}

/** The maximum input (dollars in the auction's currency, like the bid) with its one-sentence explanation. */
export function MaximumField({ id, label, value, onChange, errorId, disabled }: MaximumFieldProps) {
  const explainedId = `${id}-explained`;
  return (
    <div className="bid-form__field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name="maxAmount"
        inputMode="decimal"
        autoComplete="off"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={errorId ? `${explainedId} ${errorId}` : explainedId}
        aria-invalid={errorId ? true : undefined}
        disabled={disabled}
      />
      <p id={explainedId} className="bid-form__hint">
        {MAXIMUM_EXPLAINED}
      </p>
    </div>
  );
}
