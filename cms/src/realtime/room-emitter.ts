import type { Redis } from 'ioredis';
import type { Core } from '@strapi/strapi';
import { roomEmitter as emitterOn } from '@car-auction/service-support';

/** The gateways' rooms, from the cms (service-support's roomEmitter): a failed push is logged, never thrown. */
export const roomEmitter = (strapi: Core.Strapi, redis: Redis) =>
  emitterOn(redis, (err) => strapi.log.warn(`live push not published: ${err.message}`));
