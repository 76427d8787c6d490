import { DateScalar, DecimalScalar } from '../../shared/scalars';
import { sectorProfileResolvers } from '../../shared/subgraph/sector';
import { ECOMMERCE_LISTS } from './store';
import type { EcommerceContext } from './loaders';

function scalarFunctions(scalar: typeof DateScalar) {
  // Mercurius copies these onto the schema's own scalar type.
  return { serialize: scalar.serialize, parseValue: scalar.parseValue, parseLiteral: scalar.parseLiteral };
}

/**
 * Mercurius resolvers: the same shape as the Apollo subgraphs' maps. Mercurius calls
 * `__resolveReference(reference, args, context, info)`; the shared resolver reads only the reference.
 */
export const ecommerceResolvers = {
  Date: scalarFunctions(DateScalar),
  Decimal: scalarFunctions(DecimalScalar),
  ...sectorProfileResolvers<EcommerceContext>('ecommerce', 'EcommerceProfile', ECOMMERCE_LISTS),
  ComplaintStatistic: {
    resolutionRate: (s: { complaints: number; resolved: number }) => (s.complaints === 0 ? 1 : s.resolved / s.complaints),
  },
};
