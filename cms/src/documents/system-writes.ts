import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';

const systemWrite = new AsyncLocalStorage<true>();

/**
 * Runs `write` as the cms's own: the document middlewares that guard what
 * people may change (auction-edit-rules, sale-edit-rules) let it through even
 * inside an HTTP request, such as the worker's post-back recording a sale.
 */
export const asSystem = <T>(write: () => Promise<T>): Promise<T> => systemWrite.run(true, write);

/** Whether a document-service call comes from a person's request (the panel, the content API), not the cms's own code. */
export const fromPeople = (strapi: Core.Strapi): boolean => strapi.requestContext.get() !== undefined && systemWrite.getStore() !== true;
