/**
 * The application's task registry: every kind of work slinga runs on the pool (`slinga bench`,
 * `slinga compare`). A pool given this registry runs its handlers in-process, and its worker
 * threads import the compiled form of this module and take the same registry from its default
 * export. Each handler is a small file of this folder.
 */
import { defineRegistry, type ResultOf, type TaskOf } from '../pool/registry.js';
import { hhcrsp } from './hhcrsp.js';
import { plan } from './plan.js';
import { route } from './route.js';
import { vrptw } from './vrptw.js';

export type { HhcrspResult, HhcrspTask } from './hhcrsp.js';
export type { PlanResult, PlanTask } from './plan.js';
export type { RouteResult, RouteTask } from './route.js';
export type { VrptwResult, VrptwTask } from './vrptw.js';

/** Every handler of the application, by kind. */
export const appTasks = defineRegistry(import.meta.url, [vrptw, hhcrsp, plan, route]);
export default appTasks;

/** Any task of {@link appTasks}. */
export type AppTask = TaskOf<(typeof appTasks.handlers)[string]>;
/** Any result of {@link appTasks}. */
export type AppResult = ResultOf<(typeof appTasks.handlers)[string]>;
