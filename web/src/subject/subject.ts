import { useQueryClient } from '@tanstack/react-query';
import { usePrincipal } from '../app/auth';

/** The signed-in subject's own code (the `subject` claim of its token): every page is about it. */
export function useSubjectCode(): string {
  const principal = usePrincipal();
  // The area is only rendered for a SUBJECT principal (App.tsx RequireKind), whose token names itself.
  return principal?.subject ?? principal?.organization ?? '';
}

/**
 * After the subject changed something (an objection, a statement, a repair application, a consent):
 * every page's data is read again, except the credit report, which is issued (and counted) only
 * when the subject asks for one.
 */
export function useRefreshAfterChange(): () => Promise<void> {
  const client = useQueryClient();
  return () => client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== REPORT_OPERATION });
}

export const REPORT_OPERATION = 'CreditReport';
