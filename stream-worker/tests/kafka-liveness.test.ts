import { createKafkaLiveness } from '../src/consumer/kafka-liveness';

// What kafkajs's events say about the broker, on a clock of the test's own.
function setUp(silenceMs = 5_000) {
  const clock = { now: 0 };
  const liveness = createKafkaLiveness({ silenceMs, now: () => clock.now });
  return { clock, liveness };
}

test('down until the first join, up while the broker answers', () => {
  const { clock, liveness } = setUp();
  expect(liveness.reading()).toEqual({ up: false, reason: 'not joined to the consumer group yet' });
  liveness.left('cannot reach the broker: connect ECONNREFUSED');
  expect(liveness.reading()).toEqual({ up: false, reason: 'cannot reach the broker: connect ECONNREFUSED' });
  liveness.joined();
  expect(liveness.reading()).toEqual({ up: true, reason: null });
  for (let t = 1_000; t <= 30_000; t += 1_000) {
    clock.now = t;
    liveness.heard();
    expect(liveness.reading().up).toBe(true);
  }
});

test('a joined consumer that hears nothing for longer than the silence limit is down, and up again when it hears', () => {
  const { clock, liveness } = setUp(5_000);
  liveness.joined();
  clock.now = 5_000;
  expect(liveness.reading().up).toBe(true);
  clock.now = 5_001;
  expect(liveness.reading()).toEqual({ up: false, reason: 'no answer from the broker for 5 s' });
  clock.now = 9_000;
  liveness.heard();
  expect(liveness.reading().up).toBe(true);
});

test('a crash is down until the next join, whatever is heard in between', () => {
  const { clock, liveness } = setUp();
  liveness.joined();
  liveness.left('consumer failed: Connection error: connect ECONNREFUSED 127.0.0.1:9092');
  clock.now = 100;
  liveness.heard();
  expect(liveness.reading()).toEqual({ up: false, reason: 'consumer failed: Connection error: connect ECONNREFUSED 127.0.0.1:9092' });
  liveness.joined();
  expect(liveness.reading().up).toBe(true);
});

test('a rebalance may be silent: not held against the broker until the join that ends it', () => {
  const { clock, liveness } = setUp(5_000);
  liveness.joined();
  clock.now = 1_000;
  liveness.rebalancing();
  clock.now = 19_000;
  expect(liveness.reading().up).toBe(true);
  liveness.joined();
  clock.now = 24_001;
  expect(liveness.reading().up).toBe(false);
});
