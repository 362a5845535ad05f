import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { API_BASE, Session, SignOutRecorded, apiPaths } from '@readingroom/platform-shim';
import { recordSignOut } from '../../identity/signIns/recordSignOut.js';

export const sessionRoute: FastifyPluginAsyncTypebox = async app => {
  app.get(
    `${API_BASE}${apiPaths.session}`,
    { schema: { tags: ['session'], summary: 'Who the server takes the caller to be', response: { 200: Session } } },
    async request => ({ user: request.user, identity: app.identityMode }),
  );
  app.post(
    `${API_BASE}${apiPaths.sessionSignOut}`,
    {
      schema: {
        tags: ['session'],
        summary: 'The viewer reports that the user signs out: recorded in the audit ledger (user.logout) before the answer',
        response: { 200: SignOutRecorded },
      },
    },
    async request => {
      await recordSignOut(app.auditRecorder, request.user, request.signIn);
      return { recorded: true as const };
    },
  );
};
