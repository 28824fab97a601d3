import { parseAppEnv } from '../src/config/app-env';

test('every setting has a working default', () => {
  expect(parseAppEnv({})).toEqual({
    cmsUrl: 'http://localhost:1337',
    realtimeUrl: 'http://localhost:4000',
    notifierUrl: 'http://localhost:4100',
  });
});

test('trailing slashes are dropped so paths join cleanly', () => {
  expect(
    parseAppEnv({
      VITE_CMS_URL: 'https://cms.example.com/',
      VITE_REALTIME_URL: 'https://rt.example.com//',
      VITE_NOTIFIER_URL: 'https://notify.example.com/',
    }),
  ).toEqual({
    cmsUrl: 'https://cms.example.com',
    realtimeUrl: 'https://rt.example.com',
    notifierUrl: 'https://notify.example.com',
  });
});

test('the notifier can be pointed elsewhere on its own', () => {
  expect(parseAppEnv({ VITE_NOTIFIER_URL: 'http://127.0.0.1:4999' })).toMatchObject({
    cmsUrl: 'http://localhost:1337',
    notifierUrl: 'http://127.0.0.1:4999',
  });
});

test('a bad setting fails at start with its name', () => {
  expect(() => parseAppEnv({ VITE_CMS_URL: 'not a url' })).toThrow(/VITE_CMS_URL/);
  expect(() => parseAppEnv({ VITE_REALTIME_URL: 'ftp://x.example.com' })).toThrow(/VITE_REALTIME_URL/);
  expect(() => parseAppEnv({ VITE_NOTIFIER_URL: 'notifier' })).toThrow(/VITE_NOTIFIER_URL/);
});
