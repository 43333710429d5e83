/** Connection tracking (§3): the table the simulator feeds, and whether any rule turns it on (§1.4). */
export { ConntrackTable, type ConfirmResult, type CtHit, type LookupOptions } from './table';
export { conntrackActive } from './active';
export { trackingNote } from './track';
