import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';

export interface ToastInput {
  tone: 'info' | 'success' | 'warning' | 'error';
  title: string;
  message?: string;
  link?: { to: string; label: string };
}
interface Toast extends ToastInput {
  id: number;
}

const TOAST_LIFETIME_MS = 8_000;
const MAX_TOASTS = 4;
const ToastContext = createContext<(toast: ToastInput) => void>(() => undefined);

/** Short notices in a corner; warnings and errors are announced at once by screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((t) => t.id !== id));
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
  }, []);

  const push = useCallback(
    (toast: ToastInput) => {
      const id = nextId.current++;
      setToasts((list) => [...list, { ...toast, id }].slice(-MAX_TOASTS));
      timers.current.set(
        id,
        setTimeout(() => dismiss(id), TOAST_LIFETIME_MS),
      );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);

  return (
    <ToastContext.Provider value={push}>
      {children}
      <div className="toasts" aria-label="Notifications" role="region">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            className={`toast toast--${toast.tone}`}
            role={toast.tone === 'warning' || toast.tone === 'error' ? 'alert' : 'status'}
            data-testid="toast"
          >
            <div className="toast__body">
              <strong>{toast.title}</strong>
              {toast.message && <p>{toast.message}</p>}
              {toast.link && (
                <Link to={toast.link.to} onClick={() => dismiss(toast.id)}>
                  {toast.link.label}
                </Link>
              )}
            </div>
            <button type="button" className="toast__close" aria-label="Dismiss notification" onClick={() => dismiss(toast.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);
