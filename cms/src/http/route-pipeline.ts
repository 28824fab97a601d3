import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';

type Step = Core.MiddlewareHandler;

/** Runs the steps in order, each one's `next` being the rest (koa-compose, without its checks). */
export function composeSteps(steps: Step[]): (ctx: Context) => Promise<void> {
  return (ctx) => {
    const dispatch = async (i: number): Promise<void> => {
      const step = steps[i];
      if (step) await step(ctx, () => dispatch(i + 1));
    };
    return dispatch(0);
  };
}

/**
 * Code that serves a route without Strapi's router (the bid fast lane) runs
 * the route's middlewares and handler, not the router's authentication,
 * authorization and policy steps. So it takes only routes that ask for none
 * of those, and says so at start rather than skip them in silence.
 */
export function assertServableWithoutRouter(route: Core.RouteInput): void {
  const where = `${route.method} ${route.path}`;
  if (route.config?.auth !== false)
    throw new Error(`${where}: served without the router, so it must declare auth: false and authenticate in a middleware`);
  if (route.config?.policies?.length) throw new Error(`${where}: served without the router, which runs no policies: make them middlewares`);
}

/**
 * What Strapi's router runs for a route after authentication and policies:
 * the route's `config.middlewares` in order (names resolved through
 * strapi.middleware, instantiated with an empty config, as the router does),
 * then its handler, whose return value becomes the body if it set none.
 * Resolve it once Strapi has loaded its APIs: middlewares and controllers
 * exist only then.
 */
export function resolveRoutePipeline(strapi: Core.Strapi, route: Core.RouteInput): { middlewares: Step[]; handler: Step } {
  const middlewares = (route.config?.middlewares ?? []).map((entry): Step => {
    if (typeof entry === 'function') return entry;
    const factory = strapi.middleware(entry);
    if (!factory) throw new Error(`${route.method} ${route.path}: middleware ${entry} not found`);
    return factory({}, { strapi }) ?? ((_ctx, next) => next());
  });
  return { middlewares, handler: resolveHandler(strapi, route) };
}

function resolveHandler(strapi: Core.Strapi, route: Core.RouteInput): Step {
  const action = resolveAction(strapi, route);
  return async (ctx, next) => {
    const value = await action(ctx, next);
    if (ctx.body == null && value != null) ctx.body = value;
  };
}

function resolveAction(strapi: Core.Strapi, route: Core.RouteInput): Step {
  const { handler } = route;
  if (Array.isArray(handler)) {
    const run = composeSteps(handler);
    return (ctx) => run(ctx);
  }
  if (typeof handler === 'function') return handler;
  const at = handler.lastIndexOf('.');
  const controller = strapi.controller(handler.slice(0, at) as Parameters<Core.Strapi['controller']>[0]);
  const action = controller?.[handler.slice(at + 1)];
  if (typeof action !== 'function') throw new Error(`${route.method} ${route.path}: handler ${handler} not found`);
  return (ctx, next) => action.call(controller, ctx, next);
}

/**
 * Matches a URL path against a route's path (with the API prefix), Strapi's
 * `:name` segments only, and returns the parameters still URL-encoded, or null.
 * Letter case must match, unlike the router: whatever this misses, the router
 * still serves.
 */
export function routePathMatcher(prefix: string, path: string): (urlPath: string) => Record<string, string> | null {
  const names: string[] = [];
  const pattern = `${prefix}${path}`
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      const param = /^:([A-Za-z_]\w*)$/.exec(segment);
      if (param) {
        names.push(param[1]!);
        return '([^/]{1,256})';
      }
      if (!/^[A-Za-z0-9._~-]+$/.test(segment)) throw new Error(`route path ${path}: only literal and :name segments are supported`);
      return segment.replace(/\./g, '\\.');
    })
    .join('/');
  const regex = new RegExp(`^/${pattern}/?$`);
  return (urlPath) => {
    const match = regex.exec(urlPath);
    if (!match) return null;
    return Object.fromEntries(names.map((name, i) => [name, match[i + 1]!]));
  };
}
