-- Closes an auction whose effective end is at or before ARGV[2], atomically and once.
-- KEYS[1] auction state hash, KEYS[2] auctions-by-end sorted set, KEYS[3] the state epoch,
-- KEYS[4] the set of auctions the cms has not been told about yet
-- ARGV: auctionId, endedBy (ms: the latest end the caller knows is fully processed)
-- Returns JSON: { closed = true, status, ... } or { closed = false, why }.
local stateKey, byEndKey, epochKey, unprojectedKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local auctionId, endedBy = ARGV[1], tonumber(ARGV[2])

-- Closing a lost state would sell nothing: wait for the rebuild.
if string.sub(redis.call('GET', epochKey) or '', 1, 6) ~= 'ready:' then
  return cjson.encode({ closed = false, why = 'state_lost' })
end

local f = redis.call('HMGET', stateKey, 'endsAt', 'softCloseUntil', 'closedAs', 'bidCount', 'currentPrice',
  'reservePrice', 'leaderName', 'seq', 'withdrawn')
local endsAt = tonumber(f[1])
if not endsAt then
  redis.call('ZREM', byEndKey, auctionId)
  return cjson.encode({ closed = false, why = 'unknown_auction' })
end
if (f[3] or '') ~= '' then
  redis.call('ZREM', byEndKey, auctionId)
  return cjson.encode({ closed = false, why = 'already_closed' })
end
local effectiveEnd = math.max(endsAt, tonumber(f[2]) or 0)
if effectiveEnd > endedBy then
  -- A late bid extended it since the caller looked.
  redis.call('ZADD', byEndKey, effectiveEnd, auctionId)
  return cjson.encode({ closed = false, why = 'extended', endsAt = effectiveEnd })
end

local bidCount, currentPrice = tonumber(f[4]) or 0, tonumber(f[5])
local reservePrice = tonumber(f[6]) or 0
local status = 'unsold'
if bidCount > 0 and currentPrice and currentPrice >= reservePrice then status = 'sold' end
local seq = (tonumber(f[8]) or 0) + 1
redis.call('HSET', stateKey, 'closedAs', status, 'seq', seq)
redis.call('ZREM', byEndKey, auctionId)
redis.call('SADD', unprojectedKey, auctionId)
return cjson.encode({
  closed = true,
  status = status,
  seq = seq,
  finalPrice = currentPrice or cjson.null,
  leaderName = (f[7] and f[7] ~= '') and f[7] or cjson.null,
  bidCount = bidCount,
  endsAt = effectiveEnd,
})
