import { DEFAULT_CAR_INCREMENT_TABLE_NAME } from '@car-auction/contracts';

/**
 * The cms's admin API, as the admin panel uses it, for a cms running as a
 * separate process (the bench, the supervised-stack fault suite): content is
 * created and permissions granted over HTTP with the super admin the cms
 * creates at bootstrap.
 */
export interface AdminSession {
  cmsUrl: string;
  token: string;
}

const ADMIN_EMAIL = process.env.ADMIN_EMAIL ?? 'admin@car-auction.local';
const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD ?? 'Admin-pass-1234';

async function call<T>(
  session: AdminSession | { cmsUrl: string; token?: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${session.cmsUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(session.token ? { authorization: `Bearer ${session.token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
  return (text ? JSON.parse(text) : null) as T;
}

export async function adminLogin(cmsUrl: string): Promise<AdminSession> {
  const body = await call<{ data: { token?: string; accessToken?: string } }>({ cmsUrl }, 'POST', '/admin/login', {
    email: ADMIN_EMAIL,
    password: ADMIN_PASSWORD,
  });
  const token = body.data.token ?? body.data.accessToken;
  if (!token) throw new Error(`admin login answered without a token: ${JSON.stringify(body).slice(0, 300)}`);
  return { cmsUrl, token };
}

/** Creates and publishes a document in one request (the content-manager's "publish" on a new entry). */
export async function createPublished(session: AdminSession, uid: string, data: Record<string, unknown>): Promise<string> {
  const body = await call<{ data: { documentId: string } }>(
    session,
    'POST',
    `/content-manager/collection-types/${uid}/actions/publish`,
    data,
  );
  return body.data.documentId;
}

/** The documentId of the default car increment table (seeded by the cms at its first start), for createPublished's incrementTable. */
export async function defaultIncrementTableId(session: AdminSession): Promise<string> {
  const name = DEFAULT_CAR_INCREMENT_TABLE_NAME;
  const body = await call<{ results: { documentId: string; name: string }[] }>(
    session,
    'GET',
    `/content-manager/collection-types/api::increment-table.increment-table?filters[name][$eq]=${encodeURIComponent(name)}&pageSize=1`,
  );
  const table = body.results.find((t) => t.name === name);
  if (!table) throw new Error(`the cms has no increment table named "${name}" (seeded at bootstrap)`);
  return table.documentId;
}

interface RoleTree {
  role: {
    id: number;
    name: string;
    description: string;
    type: string;
    permissions: Record<string, { controllers: Record<string, Record<string, { enabled: boolean; policy: string }>> }>;
  };
}

/**
 * Grants one action to a users-permissions role through the admin API (the same
 * read-modify-write of the whole permission tree the admin panel's Roles page does).
 */
export async function grantRolePermission(session: AdminSession, roleType: string, action: string): Promise<void> {
  const { roles } = await call<{ roles: { id: number; type: string }[] }>(session, 'GET', '/users-permissions/roles');
  const role = roles.find((r) => r.type === roleType);
  if (!role) throw new Error(`users-permissions role ${roleType} not found`);
  const tree = await call<RoleTree>(session, 'GET', `/users-permissions/roles/${role.id}`);
  const [type, controller, name] = splitAction(action);
  const entry = tree.role.permissions[type]?.controllers[controller]?.[name];
  if (!entry) throw new Error(`action ${action} is unknown to the cms (is its controller compiled into cms/dist?)`);
  entry.enabled = true;
  await call(session, 'PUT', `/users-permissions/roles/${role.id}`, {
    name: tree.role.name,
    description: tree.role.description,
    type: tree.role.type,
    permissions: tree.role.permissions,
  });
}

/** 'plugin::baseline-bid.baseline-bid.place' -> ['plugin::baseline-bid', 'baseline-bid', 'place'] */
function splitAction(action: string): [string, string, string] {
  const match = /^(.+::[^.]+)\.([^.]+)\.([^.]+)$/.exec(action);
  if (!match) throw new Error(`not an action id: ${action}`);
  return [match[1]!, match[2]!, match[3]!];
}
