import type { Core } from './core.js';
import { appRoutes } from './routes-app.js';
import { interactionRoutes } from './routes-interactions.js';
import { messageRoutes } from './routes-messages.js';
import type { Route } from './server.js';

/** Every REST route the emulator answers; anything else is a 404 violation. */
export function routesFor(core: Core): Route[] {
  return [...appRoutes(core), ...interactionRoutes(core), ...messageRoutes(core)];
}
