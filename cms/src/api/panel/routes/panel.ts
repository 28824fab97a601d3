export default {
  routes: [
    {
      // What the admin panel's live feed needs at run time (the panel bundle is built once and cached).
      method: 'GET',
      path: '/panel/config',
      handler: 'panel.config',
      config: { auth: false },
    },
  ],
};
