import type { AddressInfo } from 'node:net';
import type { AppContext } from '../../app-module.js';
import type { TeamsModuleOptions } from '../teams/teams.module.js';
import { GRAPH_PREFIX, TOKEN_PREFIX } from './graph.stand-in.js';

/** This server's own address (`http://127.0.0.1:3978`), known once it listens. */
export function localBaseUrl(app: AppContext): () => string {
  return () => {
    const address = app.server.raw.address() as AddressInfo | null;
    const host = address?.family === 'IPv6' ? `[${address.address}]` : (address?.address ?? '127.0.0.1');
    return `http://${host}:${address?.port ?? app.config.port}`;
  };
}

/**
 * The real Teams module's options without sign-in (no app id: loopback only), its Graph calls
 * going to the stand-in on this same server.
 */
export function unsignedTeamsOptions(base: () => string): Pick<TeamsModuleOptions, 'config' | 'graphUrls'> {
  return {
    config: {
      appId: '',
      appPassword: '',
      appTenantId: null,
      appType: 'MultiTenant',
      graphApiUrl: '',
      graphTokenUrl: '',
    },
    graphUrls: () => ({
      graphApiUrl: `${base()}${GRAPH_PREFIX.slice(0, -1)}`,
      graphTokenUrl: `${base()}${TOKEN_PREFIX}{tenant}`,
    }),
  };
}
