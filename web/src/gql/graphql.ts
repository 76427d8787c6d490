/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type SubjectKind =
  | 'INDIVIDUAL_BUSINESS'
  | 'LEGAL_PERSON'
  | 'NATURAL_PERSON'
  | 'OTHER_ORGANIZATION';

/** Registration status: 存续 (active), 吊销 (licence revoked), 注销 (deregistered). */
export type SubjectStatus =
  | 'ACTIVE'
  | 'CANCELLED'
  | 'REVOKED';

export type MyProfileQueryVariables = Exact<{
  code: string | number;
}>;


export type MyProfileQuery = { subject: { code: string, name: string, kind: SubjectKind, status: SubjectStatus } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const MyProfileDocument = new TypedDocumentString(`
    query MyProfile($code: ID!) {
  subject(code: $code) {
    code
    name
    kind
    status
  }
}
    `) as unknown as TypedDocumentString<MyProfileQuery, MyProfileQueryVariables>;