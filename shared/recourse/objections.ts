import type { RecordList } from '../records';
import type { CategoryOf } from '../ingest/resolvers';
import type { RecoursePlacement } from './index';

// PLACEHOLDER: replaced by the objections work (see the design note); nothing of it is served yet.
export function objectionSdl(_sectorName: string, _profileType: string, _lists: Readonly<Record<string, RecordList>>, _placement: RecoursePlacement): string {
  return '';
}

export function objectionResolvers(_sectorName: string, _profileType: string, _lists: Readonly<Record<string, RecordList>>, _categoryOf: CategoryOf, _placement: RecoursePlacement): Record<string, Record<string, unknown>> {
  return {};
}
