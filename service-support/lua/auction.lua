#!lua name=auction
-- The auction rules and every step that changes an auction's Redis state, as one Redis
-- Functions library: the steps share one set of helpers (the hash's fields, effective end,
-- increment, minimum next bid, sale result), so each rule is written once.
-- Loaded with FUNCTION LOAD REPLACE by the cms and the worker (service-support/src/auction-library.ts).
-- The hash's layout is contracts/src/auction-hash.ts; each step passes every key it touches as a KEY.

-- The hash's fields, in contracts' order (config, state, derived).
local CONFIG_FIELDS = { 'startsAt', 'endsAt', 'startingPrice', 'minIncrement', 'reservePrice', 'softCloseMs', 'withdrawn' }
local STATE_FIELDS = { 'seq', 'currentPrice', 'leaderId', 'leaderName', 'bidCount', 'softCloseUntil', 'lastPartition',
  'lastOffset', 'closedAs' }

-- Reads the auction's hash into a table: numbers parsed, defaults where a field is absent.
local function read_auction(stateKey)
  local names = {}
  for _, name in ipairs(CONFIG_FIELDS) do names[#names + 1] = name end
  for _, name in ipairs(STATE_FIELDS) do names[#names + 1] = name end
  local values = redis.call('HMGET', stateKey, unpack(names))
  local raw = {}
  for i, name in ipairs(names) do raw[name] = values[i] end
  return {
    configured = raw.startsAt ~= false and raw.startsAt ~= nil,
    startsAt = tonumber(raw.startsAt),
    endsAt = tonumber(raw.endsAt),
    startingPrice = tonumber(raw.startingPrice) or 0,
    minIncrement = tonumber(raw.minIncrement) or 1,
    reservePrice = tonumber(raw.reservePrice) or 0,
    softCloseMs = tonumber(raw.softCloseMs) or 0,
    withdrawn = raw.withdrawn == '1',
    seq = tonumber(raw.seq) or 0,
    currentPrice = tonumber(raw.currentPrice),
    leaderId = tonumber(raw.leaderId),
    leaderName = raw.leaderName or nil,
    bidCount = tonumber(raw.bidCount) or 0,
    softCloseUntil = tonumber(raw.softCloseUntil) or 0,
    lastPartition = tonumber(raw.lastPartition),
    lastOffset = tonumber(raw.lastOffset),
    closedAs = raw.closedAs or '',
  }
end

-- The end after soft close: the configured end, or later if a bid extended it. 0 when unconfigured.
local function effective_end(a)
  if not a.endsAt then return 0 end
  return math.max(a.endsAt, a.softCloseUntil)
end

-- The increment above a price. Today the auction's fixed amount; a tier table (by price)
-- would be looked up here.
local function increment_at(a, price)
  return a.minIncrement
end

local function has_bids(a)
  return a.bidCount > 0 and a.currentPrice ~= nil
end

-- The smallest amount the next bid may have: the starting price, then the price plus the increment.
local function minimum_next_bid(a)
  if has_bids(a) then return a.currentPrice + increment_at(a, a.currentPrice) end
  return a.startingPrice
end

local function reserve_met(a)
  return has_bids(a) and a.currentPrice >= a.reservePrice
end

-- At the end: sold to the leader if the reserve is met, otherwise unsold.
local function sale_result(a)
  if reserve_met(a) then return 'sold' end
  return 'unsold'
end

-- Stores what the rules make of the hash, for readers that must not recompute them
-- (the cms's bid pre-check, the worker's reads). Called by every step that changes an input.
local function store_derived(stateKey, a)
  redis.call('HSET', stateKey, 'effectiveEnd', effective_end(a), 'minNextBid', minimum_next_bid(a))
end

local function state_ready(epochKey)
  return string.sub(redis.call('GET', epochKey) or '', 1, 6) == 'ready:'
end

-- Decides one bid against its auction, atomically. The only place auction state changes on a bid.
-- KEYS: auction state hash, outcomes hash, auctions-by-end sorted set, the state epoch,
--       the set of auctions the cms has not been told about yet
-- ARGV: bidId, partition, offset, bidderId, maskedName, amount, placedAt, auctionId,
--       [restoredOutcome, restoredReason, restoredSeq] (only when replaying the ledger into an empty Redis)
-- Returns the outcome as JSON.
local function decide(keys, args)
  local stateKey, outcomesKey, byEndKey, epochKey, unprojectedKey = keys[1], keys[2], keys[3], keys[4], keys[5]
  local bidId = args[1]
  local partition, offset = tonumber(args[2]), tonumber(args[3])
  local bidderId, maskedName = tonumber(args[4]), args[5]
  local amount, placedAt, auctionId = tonumber(args[6]), tonumber(args[7]), args[8]
  local restoredOutcome, restoredReason, restoredSeq = args[9] or '', args[10] or '', tonumber(args[11] or '')

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

  local a = read_auction(stateKey)

  -- Applied iff newer than the last bid applied to this auction: one partition holds
  -- all of an auction's bids, so (partition, offset) orders them.
  if a.lastOffset and a.lastPartition == partition and offset <= a.lastOffset then
    return cjson.encode({ bidId = bidId, outcome = 'stale', reason = cjson.null, seq = a.seq })
  end

  -- Replaying the ledger: closes are not in it, but a rejected bid recorded one seq
  -- past the state's had come after the auction closed (only a close moves seq
  -- without a bid). Close it here as the closer did, so later outcomes match.
  if restoredOutcome ~= '' and restoredOutcome ~= 'accepted' and a.closedAs == '' and restoredSeq == a.seq + 1 then
    a.closedAs = sale_result(a)
    a.seq = a.seq + 1
    redis.call('HSET', stateKey, 'closedAs', a.closedAs, 'seq', a.seq)
    redis.call('ZREM', byEndKey, auctionId)
    redis.call('SADD', unprojectedKey, auctionId)
  end

  local reason = nil
  if restoredOutcome ~= '' then
    -- Replaying the ledger: the decision was made and recorded once; apply it as recorded,
    -- even if the auction's configuration has been edited since.
    if restoredOutcome ~= 'accepted' then reason = restoredReason end
  elseif not a.startsAt or a.withdrawn then
    reason = 'unknown_auction'
  elseif placedAt < a.startsAt then
    reason = 'not_started'
  elseif a.closedAs ~= '' or placedAt >= effective_end(a) then
    reason = 'auction_ended'
  elseif amount < minimum_next_bid(a) then
    -- Equal amounts: the earlier bid (lower offset) was applied first, so the later
    -- one is below the minimum and loses.
    reason = 'below_minimum'
  end

  local previousLeaderId = a.leaderId
  if reason == nil then
    local endBefore = effective_end(a)
    a.seq = a.seq + 1
    a.currentPrice, a.leaderId, a.leaderName, a.bidCount = amount, bidderId, maskedName, a.bidCount + 1
    -- Soft close: a bid in the last window pushes the end to its time plus the window.
    if a.softCloseMs > 0 and placedAt + a.softCloseMs > endBefore then
      a.softCloseUntil = placedAt + a.softCloseMs
      redis.call('ZADD', byEndKey, effective_end(a), auctionId)
    end
    redis.call('HSET', stateKey, 'seq', a.seq, 'currentPrice', a.currentPrice, 'leaderId', a.leaderId,
      'leaderName', a.leaderName, 'bidCount', a.bidCount, 'softCloseUntil', a.softCloseUntil)
    redis.call('SADD', unprojectedKey, auctionId)
  end
  redis.call('HSET', stateKey, 'lastPartition', partition, 'lastOffset', offset)
  if a.configured then store_derived(stateKey, a) end

  local outcome = {
    bidId = bidId,
    outcome = reason == nil and 'accepted' or 'rejected',
    reason = reason or cjson.null,
    seq = a.seq,
    currentPrice = a.currentPrice or cjson.null,
    leaderId = a.leaderId or cjson.null,
    leaderName = (a.leaderName and a.leaderName ~= '') and a.leaderName or cjson.null,
    bidCount = a.bidCount,
    endsAt = effective_end(a),
    minimumNextBid = minimum_next_bid(a),
    reserveMet = reserve_met(a),
    previousLeaderId = (reason == nil and previousLeaderId) or cjson.null,
  }
  local encoded = cjson.encode(outcome)
  redis.call('HSET', outcomesKey, bidId, encoded)
  return encoded
end

-- Closes an auction whose effective end is at or before endedBy, atomically and once.
-- KEYS: auction state hash, auctions-by-end sorted set, the state epoch,
--       the set of auctions the cms has not been told about yet
-- ARGV: auctionId, endedBy (ms: the latest end the caller knows is fully processed)
-- Returns JSON: { closed = true, status, ... } or { closed = false, why }.
local function close(keys, args)
  local stateKey, byEndKey, epochKey, unprojectedKey = keys[1], keys[2], keys[3], keys[4]
  local auctionId, endedBy = args[1], tonumber(args[2])

  -- Closing a lost state would sell nothing: wait for the rebuild.
  if not state_ready(epochKey) then
    return cjson.encode({ closed = false, why = 'state_lost' })
  end

  local a = read_auction(stateKey)
  if not a.endsAt then
    redis.call('ZREM', byEndKey, auctionId)
    return cjson.encode({ closed = false, why = 'unknown_auction' })
  end
  if a.closedAs ~= '' then
    redis.call('ZREM', byEndKey, auctionId)
    return cjson.encode({ closed = false, why = 'already_closed' })
  end
  local effectiveEnd = effective_end(a)
  if effectiveEnd > endedBy then
    -- A late bid extended it since the caller looked.
    redis.call('ZADD', byEndKey, effectiveEnd, auctionId)
    return cjson.encode({ closed = false, why = 'extended', endsAt = effectiveEnd })
  end

  local status = sale_result(a)
  local seq = a.seq + 1
  redis.call('HSET', stateKey, 'closedAs', status, 'seq', seq)
  redis.call('ZREM', byEndKey, auctionId)
  redis.call('SADD', unprojectedKey, auctionId)
  return cjson.encode({
    closed = true,
    status = status,
    seq = seq,
    finalPrice = a.currentPrice or cjson.null,
    leaderName = (a.leaderName and a.leaderName ~= '') and a.leaderName or cjson.null,
    bidCount = a.bidCount,
    endsAt = effectiveEnd,
  })
end

-- Writes an auction's configuration (owned by the cms) into its state hash, atomically, with
-- what the rules make of it, and keeps the auctions-by-end index in step. Never touches the
-- worker's state fields.
-- KEYS: auction state hash, auctions-by-end sorted set
-- ARGV: auctionId, startsAt, endsAt, startingPrice, minIncrement, reservePrice, softCloseMs, withdrawn
-- Returns the effective end.
local function sync_config(keys, args)
  local stateKey, byEndKey = keys[1], keys[2]
  local auctionId = args[1]
  local hset = { 'HSET', stateKey }
  for i, name in ipairs(CONFIG_FIELDS) do
    hset[#hset + 1] = name
    hset[#hset + 1] = args[i + 1]
  end
  redis.call(unpack(hset))
  local a = read_auction(stateKey)
  store_derived(stateKey, a)
  local effectiveEnd = effective_end(a)
  if a.withdrawn or a.closedAs ~= '' then
    redis.call('ZREM', byEndKey, auctionId)
  else
    redis.call('ZADD', byEndKey, effectiveEnd, auctionId)
  end
  return effectiveEnd
end

-- Unpublished or deleted: keep the state (for the ledger's sake), refuse new bids, leave the
-- end index. KEYS: auction state hash, auctions-by-end sorted set. ARGV: auctionId.
local function withdraw(keys, args)
  if redis.call('HEXISTS', keys[1], 'startsAt') == 1 then redis.call('HSET', keys[1], 'withdrawn', 1) end
  redis.call('ZREM', keys[2], args[1])
  return 1
end

-- The cms has taken an auction's state at `version` (its seq): forget the auction
-- unless its state has moved on since, in which case a newer post is still owed.
-- KEYS: auction state hash, the set of auctions the cms has not been told about yet
-- ARGV: auctionId, version
local function ack_projection(keys, args)
  if read_auction(keys[1]).seq <= tonumber(args[2]) then
    return redis.call('SREM', keys[2], args[1])
  end
  return 0
end

redis.register_function('auction_decide', decide)
redis.register_function('auction_close', close)
redis.register_function('auction_sync_config', sync_config)
redis.register_function('auction_withdraw', withdraw)
redis.register_function('auction_ack_projection', ack_projection)
