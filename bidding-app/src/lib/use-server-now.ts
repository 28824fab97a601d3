import { useEffect, useState } from 'react';
import { serverNow } from './server-clock';

/** The server's time, re-read every `everyMs` so countdowns tick. */
export function useServerNow(everyMs = 1000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
