-- Writes an auction's configuration (owned by the cms) into its state hash, atomically,
-- and keeps the auctions-by-end index in step. Never touches the worker's state fields.
-- KEYS[1] auction state hash, KEYS[2] auctions-by-end sorted set
-- ARGV: auctionId, startsAt, endsAt, startingPrice, minIncrement, reservePrice, softCloseMs, withdrawn
local stateKey, byEndKey = KEYS[1], KEYS[2]
local auctionId = ARGV[1]
redis.call('HSET', stateKey, 'startsAt', ARGV[2], 'endsAt', ARGV[3], 'startingPrice', ARGV[4],
  'minIncrement', ARGV[5], 'reservePrice', ARGV[6], 'softCloseMs', ARGV[7], 'withdrawn', ARGV[8])
local f = redis.call('HMGET', stateKey, 'softCloseUntil', 'closedAs')
local effectiveEnd = math.max(tonumber(ARGV[3]), tonumber(f[1]) or 0)
if ARGV[8] == '1' or (f[2] or '') ~= '' then
  redis.call('ZREM', byEndKey, auctionId)
else
  redis.call('ZADD', byEndKey, effectiveEnd, auctionId)
end
return effectiveEnd
