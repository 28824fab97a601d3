-- Decides one bid against its auction, atomically. The only place auction state changes
-- on a bid.
-- KEYS[1] auction state hash, KEYS[2] outcomes hash, KEYS[3] auctions-by-end sorted set,
-- KEYS[4] the state epoch, KEYS[5] the set of auctions the cms has not been told about yet
-- ARGV: bidId, partition, offset, bidderId, maskedName, amount, placedAt, auctionId,
--       [restoredOutcome, restoredReason, restoredSeq] (only when replaying the ledger into an empty Redis)
-- Returns the outcome as JSON.
local stateKey, outcomesKey, byEndKey, epochKey, unprojectedKey = KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5]
local bidId = ARGV[1]
local partition, offset = tonumber(ARGV[2]), tonumber(ARGV[3])
local bidderId, maskedName = tonumber(ARGV[4]), ARGV[5]
local amount, placedAt, auctionId = tonumber(ARGV[6]), tonumber(ARGV[7]), ARGV[8]
local restoredOutcome, restoredReason, restoredSeq = ARGV[9] or '', ARGV[10] or '', tonumber(ARGV[11] or '')

-- Deciding against a state Redis has lost would reject every bid as unknown:
-- refuse until the state is whole again. A restore runs only while rebuilding.
local epoch = redis.call('GET', epochKey) or ''
if restoredOutcome == '' and string.sub(epoch, 1, 6) ~= 'ready:' then
  return redis.error_reply('STATE_LOST the auction state must be rebuilt from the ledger first')
end
if restoredOutcome ~= '' and string.sub(epoch, 1, 11) ~= 'rebuilding:' then
  return redis.error_reply('NOT_REBUILDING a ledger row may be restored only while rebuilding')
end

-- Redelivery (a crash before the commit, a zombie consumer): the bid was decided
-- already; return that decision unchanged so the ledger gets the same row.
local stored = redis.call('HGET', outcomesKey, bidId)
if stored then
  local previous = cjson.decode(stored)
  previous.replayed = true
  return cjson.encode(previous)
end

local f = redis.call('HMGET', stateKey,
  'startsAt', 'endsAt', 'startingPrice', 'minIncrement', 'reservePrice', 'softCloseMs', 'withdrawn',
  'seq', 'currentPrice', 'leaderId', 'leaderName', 'bidCount', 'softCloseUntil',
  'lastPartition', 'lastOffset', 'closedAs')
local startsAt, endsAt = tonumber(f[1]), tonumber(f[2])
local startingPrice, minIncrement = tonumber(f[3]) or 0, tonumber(f[4]) or 1
local reservePrice, softCloseMs = tonumber(f[5]) or 0, tonumber(f[6]) or 0
local withdrawn = f[7]
local seq = tonumber(f[8]) or 0
local currentPrice, leaderId, leaderName = tonumber(f[9]), tonumber(f[10]), f[11]
local bidCount, softCloseUntil = tonumber(f[12]) or 0, tonumber(f[13]) or 0
local lastPartition, lastOffset = tonumber(f[14]), tonumber(f[15])
local closedAs = f[16] or ''

-- Applied iff newer than the last bid applied to this auction: one partition holds
-- all of an auction's bids, so (partition, offset) orders them.
if lastOffset and lastPartition == partition and offset <= lastOffset then
  return cjson.encode({ bidId = bidId, outcome = 'stale', reason = cjson.null, seq = seq })
end

local effectiveEnd = endsAt and math.max(endsAt, softCloseUntil) or 0

-- Replaying the ledger: closes are not in it, but a rejected bid recorded one seq
-- past the state's had come after the auction closed (only a close moves seq
-- without a bid). Close it here as the closer did, so later outcomes match.
if restoredOutcome ~= '' and restoredOutcome ~= 'accepted' and closedAs == '' and restoredSeq == seq + 1 then
  closedAs = 'unsold'
  if bidCount > 0 and currentPrice and currentPrice >= reservePrice then closedAs = 'sold' end
  seq = seq + 1
  redis.call('HSET', stateKey, 'closedAs', closedAs, 'seq', seq)
  redis.call('ZREM', byEndKey, auctionId)
  redis.call('SADD', unprojectedKey, auctionId)
end

local reason = nil
if restoredOutcome ~= '' then
  -- Replaying the ledger: the decision was made and recorded once; apply it as recorded,
  -- even if the auction's configuration has been edited since.
  if restoredOutcome ~= 'accepted' then reason = restoredReason end
elseif not startsAt or withdrawn == '1' then
  reason = 'unknown_auction'
elseif placedAt < startsAt then
  reason = 'not_started'
elseif closedAs ~= '' or placedAt >= effectiveEnd then
  reason = 'auction_ended'
else
  local minimumBid = startingPrice
  if bidCount > 0 and currentPrice then minimumBid = currentPrice + minIncrement end
  -- Equal amounts: the earlier bid (lower offset) was applied first, so the later
  -- one is below the minimum and loses.
  if amount < minimumBid then reason = 'below_minimum' end
end

local previousLeaderId = leaderId
if reason == nil then
  seq = seq + 1
  currentPrice, leaderId, leaderName, bidCount = amount, bidderId, maskedName, bidCount + 1
  -- Soft close: a bid in the last window pushes the end to its time plus the window.
  if softCloseMs > 0 and placedAt + softCloseMs > effectiveEnd then
    softCloseUntil = placedAt + softCloseMs
    effectiveEnd = softCloseUntil
    redis.call('ZADD', byEndKey, effectiveEnd, auctionId)
  end
  redis.call('HSET', stateKey, 'seq', seq, 'currentPrice', currentPrice, 'leaderId', leaderId,
    'leaderName', leaderName, 'bidCount', bidCount, 'softCloseUntil', softCloseUntil)
  redis.call('SADD', unprojectedKey, auctionId)
end
redis.call('HSET', stateKey, 'lastPartition', partition, 'lastOffset', offset)

local minimumNextBid = startingPrice
if bidCount > 0 and currentPrice then minimumNextBid = currentPrice + minIncrement end
local outcome = {
  bidId = bidId,
  outcome = reason == nil and 'accepted' or 'rejected',
  reason = reason or cjson.null,
  seq = seq,
  currentPrice = currentPrice or cjson.null,
  leaderId = leaderId or cjson.null,
  leaderName = (leaderName and leaderName ~= '') and leaderName or cjson.null,
  bidCount = bidCount,
  endsAt = effectiveEnd,
  minimumNextBid = minimumNextBid,
  reserveMet = bidCount > 0 and currentPrice ~= nil and currentPrice >= reservePrice,
  previousLeaderId = (reason == nil and previousLeaderId) or cjson.null,
}
local encoded = cjson.encode(outcome)
redis.call('HSET', outcomesKey, bidId, encoded)
return encoded
