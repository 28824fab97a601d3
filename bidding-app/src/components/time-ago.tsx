import { timeAgoText } from '../lib/relative-time';

/** A past moment ("5 minutes ago"), with the full date and time on hover and in the markup. */
export function TimeAgo({ at, now }: { at: string; now: number }) {
  const date = new Date(at);
  return (
    <time dateTime={at} title={date.toLocaleString('en-US')}>
      {timeAgoText(date.getTime(), now)}
    </time>
  );
}
