import { useEffect, useState, useSyncExternalStore } from 'react';
import { realtimeStatus } from '../lib/realtime-socket';

const subscribeOnline = (listener: () => void) => {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
};

/** Says when prices on screen may be stale. Waits a moment so a normal start does not flash it. */
export function ConnectionBanner() {
  const online = useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
  const status = useSyncExternalStore(realtimeStatus.subscribe, realtimeStatus.get, realtimeStatus.get);
  const troubled = !online || status !== 'connected';
  const [show, setShow] = useState(false);
  useEffect(() => {
    if (!troubled) return setShow(false);
    const timer = setTimeout(() => setShow(true), 2_000);
    return () => clearTimeout(timer);
  }, [troubled]);
  if (!show) return null;
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      {online
        ? 'Live updates are paused while we reconnect. Prices shown may be out of date.'
        : 'You are offline. Prices shown may be out of date, and bids cannot be sent.'}
    </div>
  );
}
