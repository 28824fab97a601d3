import { authResponseSchema, type AuthResponse } from '@car-auction/contracts';

/** A session is what login or register answered: the tokens and the user. What is stored is checked against it. */
export type Session = AuthResponse;

/** Why there is no session: never logged in, logged out, or the session could not be renewed. */
export type SessionEnd = 'logged_out' | 'expired' | null;

export interface SessionState {
  session: Session | null;
  endedBecause: SessionEnd;
}

const STORAGE_KEY = 'car-auction.session';
type Listener = () => void;
const listeners = new Set<Listener>();

function readStored(): Session | null {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed = authResponseSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

let state: SessionState = { session: readStored(), endedBecause: null };

function set(next: SessionState, persist = true) {
  state = next;
  if (persist) {
    try {
      if (next.session) globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(next.session));
      else globalThis.localStorage?.removeItem(STORAGE_KEY);
    } catch {
      // Private mode or a full quota: the session lasts for this page only.
    }
  }
  for (const listener of listeners) listener();
}

/**
 * The logged-in user and their tokens, kept in localStorage so a reload keeps
 * the session. Other tabs follow through the storage event, so logging out in
 * one tab logs out all of them.
 */
export const sessionStore = {
  get: (): SessionState => state,
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  signIn(session: Session) {
    set({ session, endedBecause: null });
  },
  /** New tokens for the same user (a refresh). */
  replaceTokens(jwt: string, refreshToken: string) {
    if (state.session) set({ session: { ...state.session, jwt, refreshToken }, endedBecause: null });
  },
  signOut(reason: Exclude<SessionEnd, null>) {
    set({ session: null, endedBecause: reason });
  },
  /** Clears the "why" once it has been shown. */
  acknowledgeEnd() {
    if (state.endedBecause !== null) set({ ...state, endedBecause: null }, false);
  },
};

globalThis.addEventListener?.('storage', (event: StorageEvent) => {
  if (event.key !== STORAGE_KEY) return;
  const session = readStored();
  set({ session, endedBecause: session ? null : 'logged_out' }, false);
});
