import { Type, type Static } from '@sinclair/typebox';

export const ROLES = ['labeler', 'reviewer', 'adjudicator', 'project-admin', 'site-admin', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export const SessionUser = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Type.Union(ROLES.map(r => Type.Literal(r)))),
});
export type SessionUser = Static<typeof SessionUser>;

export const Session = Type.Object(
  {
    user: SessionUser,
    identity: Type.Union([Type.Literal('development'), Type.Literal('oidc')], {
      description: 'development: a fixed local identity, allowed only while the server binds to loopback.',
    }),
  },
  {},
);
export type Session = Static<typeof Session>;

export const Health = Type.Object(
  {
    status: Type.Literal('ok'),
    version: Type.String(),
    database: Type.String(),
    uptimeSeconds: Type.Number(),
  },
  {},
);
export type Health = Static<typeof Health>;

/** The answer to a sign-out report: the ledger has the `user.logout` record. */
export const SignOutRecorded = Type.Object({ recorded: Type.Literal(true) }, {});
export type SignOutRecorded = Static<typeof SignOutRecorded>;
