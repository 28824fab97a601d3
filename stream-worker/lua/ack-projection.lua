-- The cms has taken an auction's state at `version` (its seq): forget the auction
-- unless its state has moved on since, in which case a newer post is still owed.
-- KEYS[1] auction state hash, KEYS[2] the set of auctions the cms has not been told about yet
-- ARGV: auctionId, version
local seq = tonumber(redis.call('HGET', KEYS[1], 'seq') or '0')
if seq <= tonumber(ARGV[2]) then
  return redis.call('SREM', KEYS[2], ARGV[1])
end
return 0
