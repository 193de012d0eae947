/** Who is acting and in which request: what every service call and audit row needs. Guarded routes only. */
export { ctxOf as actorContext } from '../../platform/http';
