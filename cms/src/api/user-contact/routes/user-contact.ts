export default {
  routes: [
    {
      // Internal: only the service token holds this action (src/bootstrap/worker-token.ts). The
      // notifier addresses its mails with it; no users-permissions role may list users' emails.
      method: 'GET',
      path: '/internal/users/contacts',
      handler: 'api::user-contact.user-contact.findMany',
      config: { policies: [], middlewares: [] },
    },
  ],
};
