// How the plan's parts change the plan: through the screen's `mutate`, which sends one change
// after another in the order made, asks the reason of an amendment on an approved plan, shows
// the plan as the backend answers and reports a refusal.

import type { Plan } from '../lib/bindings/Plan';

/**
 * Sends one change described by `what` ("chọn Xã Tam Tiến"); `send` gets the amendment's
 * reason (null on a draft). Resolves to the plan as it now is, or null when refused or cancelled.
 */
export type Mutate = (what: string, failTitle: string, send: (reason: string | null) => Promise<Plan>) => Promise<Plan | null>;
