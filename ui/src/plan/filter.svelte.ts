// The plan table's search and filters, kept by the screen so they outlive a reload of the plan.

import type { Block } from '../lib/bindings/Block';
import type { SelectionFilter } from '../lib/plan';

export class PlanFilter {
  /** What is typed in the search box; `query` follows it once typing pauses. */
  searchText = $state('');
  query = $state('');
  block = $state<'' | Block>('');
  selection = $state<SelectionFilter>('');
}
