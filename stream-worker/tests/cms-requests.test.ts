import { DependencyError } from '../src/ops/dependency-error';
import { probeCms } from '../src/ops/probe-cms';
import { configSyncRequester } from '../src/postback/request-config-sync';

// The worker's requests to the cms other than post-backs, against a stand-in fetch.
const answering = (...answers: (number | Error)[]) => {
  const urls: string[] = [];
  const fetchImpl = (async (url: string) => {
    urls.push(url);
    const answer = answers.shift() ?? 200;
    if (answer instanceof Error) throw answer;
    return { ok: answer < 300, status: answer, arrayBuffer: async () => new ArrayBuffer(0) } as Response;
  }) as unknown as typeof fetch;
  return { urls, fetchImpl };
};

test('the config sync is asked again until the cms answers, and says after each attempt whether it did', async () => {
  jest.useFakeTimers();
  try {
    const cms = answering(new Error('fetch failed'), 503, 204);
    const attempts: string[] = [];
    const done = configSyncRequester('http://cms', 't', {
      fetchImpl: cms.fetchImpl,
      onAttempt: (answered, reason) => attempts.push(answered ? 'answered' : `no: ${reason}`),
    })();
    await jest.advanceTimersByTimeAsync(5_000);
    await done;
    expect(attempts).toEqual(['no: fetch failed', 'no: cms answered 503', 'answered']);
    expect(cms.urls).toEqual(Array(3).fill('http://cms/api/internal/auctions/config-sync'));
  } finally {
    jest.useRealTimers();
  }
});

test('a refused token ends the config sync with an error that names the cms', async () => {
  const cms = answering(401);
  const err = await configSyncRequester('http://cms', 't', { fetchImpl: cms.fetchImpl })().catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DependencyError);
  expect(err).toMatchObject({ dependency: 'cms', message: 'the cms did not rewrite the auction configuration: cms answered 401' });
  expect(cms.urls).toHaveLength(1);
});

test("the cms probe asks Strapi's health route; a 5xx or no answer is a failure", async () => {
  const cms = answering(204, 503, new Error('connect ECONNREFUSED'));
  const probe = probeCms('http://cms', cms.fetchImpl);
  await expect(probe()).resolves.toBeUndefined();
  await expect(probe()).rejects.toThrow('cms answered 503');
  await expect(probe()).rejects.toThrow('connect ECONNREFUSED');
  expect(cms.urls).toEqual(Array(3).fill('http://cms/_health'));
});
