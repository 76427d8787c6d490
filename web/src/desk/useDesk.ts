import { usePrincipal, type SitePrincipal } from '../app/auth';
import { sectorsSubmitted, type Sector } from './sectors';

export interface Desk {
  readonly principal: SitePrincipal;
  /** The categories the authority's token submits (`submits`). */
  readonly submits: readonly string[];
  /** The sectors those categories belong to: the queues it answers, the lists it imports. */
  readonly sectors: readonly Sector[];
}

/** The signed-in source authority (the shell lets only an AUTHORITY into /desk). */
export function useDesk(): Desk {
  const principal = usePrincipal();
  if (principal === null) throw new Error('the desk is rendered for a signed-in source authority only');
  return { principal, submits: principal.submits, sectors: sectorsSubmitted(principal.submits) };
}
