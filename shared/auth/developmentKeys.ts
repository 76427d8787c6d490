/**
 * PUBLISHED, DEVELOPMENT-ONLY key pair for the gateway's request contexts. It is in the repository, so
 * anyone can sign with it: it is used only when NODE_ENV is not `production` and no key is configured
 * (with a loud warning), and production refuses it even when it is set explicitly.
 */
export const DEVELOPMENT_ONLY_CONTEXT_PRIVATE_KEY = `-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIO+2QdodVIB914F8XGGcAG+FBONIEFMtqbTlvJzMQyxO
-----END PRIVATE KEY-----
`;

export const DEVELOPMENT_ONLY_CONTEXT_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAwoLDAb+N5oBnq8vdJQt1KqOtb7fItrGgL7MD7pOosJQ=
-----END PUBLIC KEY-----
`;
