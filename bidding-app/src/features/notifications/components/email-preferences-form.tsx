import { useId } from 'react';
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS } from '@car-auction/contracts';
import { ErrorState } from '../../../components/error-state';
import { useEmailPreferences } from '../api/get-email-preferences';
import { useSaveEmailPreference, type SaveStatus } from '../hooks/use-save-email-preference';

const STATUS_TEXT: Record<SaveStatus['state'], string> = { idle: '', saving: 'Saving…', saved: 'Saved', failed: '' };

/** A checkbox per kind of notification, each saved as soon as it changes. */
export function EmailPreferencesForm({ userId }: { userId: number }) {
  const preferences = useEmailPreferences(userId);
  const { save, status } = useSaveEmailPreference(userId);
  const id = useId();

  if (preferences.isPending) return <p role="status">Loading your email choices…</p>;
  if (preferences.isError) return <ErrorState error={preferences.error} onRetry={() => void preferences.refetch()} />;

  return (
    <>
      <fieldset className="preferences">
        <legend>
          <h2 className="preferences__heading">Email me</h2>
        </legend>
        {NOTIFICATION_KINDS.map((kind) => (
          <div className="checkbox-field" key={kind}>
            <input
              type="checkbox"
              id={`${id}-${kind}`}
              name={kind}
              checked={preferences.data[kind]}
              onChange={(e) => save(kind, e.target.checked)}
            />
            <label htmlFor={`${id}-${kind}`}>{NOTIFICATION_KIND_LABELS[kind]}</label>
          </div>
        ))}
      </fieldset>
      {/* Always in the page, so each change of its words is announced. */}
      <p className="save-status" role="status" data-testid="save-status">
        {STATUS_TEXT[status.state]}
      </p>
      {status.state === 'failed' && (
        <p className="form-error" role="alert" data-testid="save-error">
          {status.message}
        </p>
      )}
    </>
  );
}
