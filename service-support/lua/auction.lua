#!lua name=auction_v4
-- The auction rules and every step that changes an auction's Redis state, as one Redis
-- Functions library: the steps share one set of helpers (the hash's fields, effective end,
-- increment, minimum next bid, sale result), so each rule is written once.
-- Loaded with FUNCTION LOAD REPLACE by the cms and the worker (service-support/src/auction-library.ts).
-- The hash's layout is contracts/src/auction-hash.ts; each step passes every key it touches as a KEY.
-- Versioned (the library's name and every function's end in _v4, AUCTION_LIBRARY_VERSION in the
-- wrappers): a process of the previous version, reloading its own library on a reconnect during a
-- rolling upgrade, replaces that version's functions, never these. Bump it with any change to a
-- function's KEYS, ARGV or reply.

-- The hash's fields, in contracts' order (config, state, derived).
local CONFIG_FIELDS = { 'startsAt', 'endsAt', 'startingPrice', 'minIncrement', 'reservePrice', 'softCloseMs', 'softCloseCapMs',
  'increments', 'withdrawn', 'hardEndAt' }
local STATE_FIELDS = { 'seq', 'currentPrice', 'leaderId', 'leaderName', 'leaderUsername', 'leaderMax', 'leaderBidId', 'bidCount',
  'softCloseUntil', 'lastPartition', 'lastOffset', 'closedAs' }
-- Built on first use: the library's load-time sandbox has no ipairs.
local ALL_FIELDS = nil
local function all_fields()
  if ALL_FIELDS == nil then
    ALL_FIELDS = {}
    for _, name in ipairs(CONFIG_FIELDS) do ALL_FIELDS[#ALL_FIELDS + 1] = name end
    for _, name in ipairs(STATE_FIELDS) do ALL_FIELDS[#ALL_FIELDS + 1] = name end
  end
  return ALL_FIELDS
end

local function text(value)
  if value == false or value == nil or value == '' then return nil end
  return value
end

-- Reads the auction's hash into a table: numbers parsed, defaults where a field is absent.
local function read_auction(stateKey)
  local names = all_fields()
  local values = redis.call('HMGET', stateKey, unpack(names))
  local raw = {}
  for i, name in ipairs(names) do raw[name] = values[i] end
  local a = {
    configured = text(raw.startsAt) ~= nil,
    startsAt = tonumber(raw.startsAt),
    endsAt = tonumber(raw.endsAt),
    startingPrice = tonumber(raw.startingPrice) or 0,
    minIncrement = tonumber(raw.minIncrement) or 1,
    reservePrice = tonumber(raw.reservePrice) or 0,
    softCloseMs = tonumber(raw.softCloseMs) or 0,
    softCloseCapMs = tonumber(raw.softCloseCapMs) or 0,
    increments = text(raw.increments) or '',
    withdrawn = raw.withdrawn == '1',
    hardEndAt = tonumber(raw.hardEndAt) or 0,
    seq = tonumber(raw.seq) or 0,
    currentPrice = tonumber(raw.currentPrice),
    leaderId = tonumber(raw.leaderId),
    leaderName = text(raw.leaderName),
    leaderUsername = text(raw.leaderUsername),
    leaderMax = tonumber(raw.leaderMax),
    leaderBidId = text(raw.leaderBidId),
    bidCount = tonumber(raw.bidCount) or 0,
    softCloseUntil = tonumber(raw.softCloseUntil) or 0,
    lastPartition = tonumber(raw.lastPartition),
    lastOffset = tonumber(raw.lastOffset),
    closedAs = raw.closedAs or '',
  }
  -- A leader from before maximums: their maximum is the price they bid.
  if a.leaderMax == nil then a.leaderMax = a.currentPrice end
  return a
end

-- The end in force: the configured end, or later if a bid extended it (soft close), but never
-- after the moment an admin ended the auction ("end now", hardEndAt). 0 when unconfigured.
local function effective_end(a)
  if not a.endsAt then return 0 end
  local ends = math.max(a.endsAt, a.softCloseUntil)
  if a.hardEndAt > 0 and a.hardEndAt < ends then return a.hardEndAt end
  return ends
end

-- The increment above a price: the auction's tier table ("from:increment,..." rising, the first
-- from 0) if it has one, otherwise its fixed increment.
local function increment_at(a, price)
  if a.increments == '' then return a.minIncrement end
  local step = a.minIncrement
  for from, increment in string.gmatch(a.increments, '(%d+):(%d+)') do
    if price < tonumber(from) then break end
    step = tonumber(increment)
  end
  return step
end

local function has_bids(a)
  return a.bidCount > 0 and a.currentPrice ~= nil
end

-- The smallest amount the next bid may have: the starting price, then the price plus the increment.
local function minimum_next_bid(a)
  if has_bids(a) then return a.currentPrice + increment_at(a, a.currentPrice) end
  return a.startingPrice
end

local function current_increment(a)
  if has_bids(a) then return increment_at(a, a.currentPrice) end
  return increment_at(a, a.startingPrice)
end

local function reserve_met(a)
  return has_bids(a) and a.currentPrice >= a.reservePrice
end

-- A reserve that is set and met (an auction without one has nothing to announce).
local function set_reserve_met(a)
  return a.configured and a.reservePrice > 0 and reserve_met(a)
end

-- At the end: sold to the leader if the reserve is met, otherwise unsold.
local function sale_result(a)
  if reserve_met(a) then return 'sold' end
  return 'unsold'
end

-- The price a bidder leads at, from the lowest that beats the rival (`price`): lifted to the
-- reserve when their maximum reaches it and the price does not (as eBay and Catawiki do).
local function with_reserve(a, price, maximum)
  if a.reservePrice > price and maximum >= a.reservePrice then return a.reservePrice end
  return price
end

-- What the rules make of the hash, for readers that must not recompute them (the cms's bid
-- pre-check, the worker's reads), as HSET arguments appended to `into`.
local function derived_fields(a, into)
  local fields = { 'effectiveEnd', effective_end(a), 'minNextBid', minimum_next_bid(a), 'increment', current_increment(a) }
  for _, value in ipairs(fields) do into[#into + 1] = value end
end

-- Stores the derived fields. Called by every step that changes an input of them.
local function store_derived(stateKey, a)
  local hset = { 'HSET', stateKey }
  derived_fields(a, hset)
  redis.call(unpack(hset))
end

local function state_ready(epochKey)
  return string.sub(redis.call('GET', epochKey) or '', 1, 6) == 'ready:'
end

-- Soft close: a bid that moved the price or the leader in the last window pushes the end to its
-- time plus the window, but never past the configured end plus the auction's cap (if it has one).
-- An auction an admin ended is not extended.
local function extend_end(a, placedAt, endBefore, byEndKey, auctionId)
  if a.softCloseMs <= 0 or a.hardEndAt > 0 then return end
  local untilMs = placedAt + a.softCloseMs
  if a.softCloseCapMs > 0 then untilMs = math.min(untilMs, a.endsAt + a.softCloseCapMs) end
  if untilMs > endBefore then
    a.softCloseUntil = untilMs
    redis.call('ZADD', byEndKey, effective_end(a), auctionId)
  end
end

-- Settles a valid bid (amount already at least the minimum next bid, or from the leader) against
-- the standing leader and their maximum. Changes `a` in place; returns the reason it lost (nil
-- if it stands), the price this bid row itself set (nil if none) and the automatic bid it caused
-- for the leader, if any.
local function settle(a, bid)
  local maximum = bid.maxAmount or bid.amount
  if not has_bids(a) then
    a.currentPrice = with_reserve(a, bid.amount, maximum)
    return nil, a.currentPrice, nil
  end
  local price, leaderMax = a.currentPrice, a.leaderMax
  if a.leaderId == bid.bidderId then
    -- The leader changes their maximum: the price stays (they do not bid against themselves),
    -- except to meet the reserve now within reach. Lowered, it may not go below the price; a
    -- plain bid never lowers it (a second tab, a double click), only a maximum given may.
    maximum = bid.maxAmount or math.max(bid.amount, leaderMax)
    if maximum < price then return 'max_below_price', nil, nil end
    a.leaderMax = maximum
    a.currentPrice = with_reserve(a, price, maximum)
    return nil, (a.currentPrice ~= price) and a.currentPrice or nil, nil
  end
  if maximum <= leaderMax then
    -- The leader's earlier maximum reaches this bid: it answers at once, at the lowest amount
    -- that beats the bid's maximum, and keeps the lead on equal maximums (earlier wins).
    a.currentPrice = with_reserve(a, math.min(leaderMax, maximum + increment_at(a, maximum)), leaderMax)
    return 'outbid_by_maximum', nil, { amount = a.currentPrice, forLeader = true }
  end
  -- This bid's maximum is higher: it leads at the lowest amount above the leader's maximum.
  local automatic = nil
  if leaderMax > price and bid.amount <= leaderMax then
    -- The leader's maximum answered first, up to all of it, before this bid passed it.
    automatic = { amount = leaderMax, forLeader = true }
  end
  a.currentPrice = with_reserve(a, math.max(bid.amount, math.min(maximum, leaderMax + increment_at(a, leaderMax))), maximum)
  return nil, a.currentPrice, automatic
end

-- The state a decision leaves, as the ledger records it for a rebuild (contracts' LedgerStateAfter).
local function state_after(a)
  return {
    currentPrice = a.currentPrice,
    leaderId = a.leaderId,
    leaderName = a.leaderName or '',
    leaderUsername = a.leaderUsername or a.leaderName or '',
    leaderMax = a.leaderMax,
    leaderBidId = a.leaderBidId or '',
    bidCount = a.bidCount,
    softCloseUntil = a.softCloseUntil,
  }
end

-- The worker's state fields as HSET arguments, appended to `into`.
local function state_fields(a, into)
  local fields = { 'seq', a.seq, 'currentPrice', a.currentPrice, 'leaderId', a.leaderId, 'leaderName', a.leaderName or '',
    'leaderUsername', a.leaderUsername or '', 'leaderMax', a.leaderMax, 'leaderBidId', a.leaderBidId or '', 'bidCount', a.bidCount,
    'softCloseUntil', a.softCloseUntil }
  for _, value in ipairs(fields) do into[#into + 1] = value end
end

-- Decides one bid against its auction, atomically. The only place auction state changes on a bid.
-- KEYS: auction state hash, outcomes hash, auctions-by-end sorted set, the state epoch,
--       the set of auctions the cms has not been told about yet
-- ARGV: bidId, partition, offset, bidderId, maskedName, username, amount, maxAmount ('' for none),
--       placedAt, auctionId,
--       [restoredOutcome, restoredReason, restoredSeq, restoredAfter, restoredPrice, restoredAutomatic]
--       (only when replaying the ledger into an empty Redis): restoredAfter is the state the row
--       left (JSON), '-' if it changed none, '' for a row from before maximums (which recorded no
--       state); restoredPrice the price the row set ('' for none); restoredAutomatic the automatic
--       bid it caused (JSON, '' for none), so the stored outcome is the one first decided
--       (only when replaying the ledger into an empty Redis)
-- Returns the outcome as JSON: what the ledger records and the watchers are told, plus the
-- automatic bid it caused (`automatic`) and the state after it (`after`, when it changed).
local function decide(keys, args)
  local stateKey, outcomesKey, byEndKey, epochKey, unprojectedKey = keys[1], keys[2], keys[3], keys[4], keys[5]
  local bid = {
    bidId = args[1],
    bidderId = tonumber(args[4]),
    maskedName = args[5],
    username = args[6],
    amount = tonumber(args[7]),
    maxAmount = tonumber(args[8] or ''),
  }
  -- A maximum below its own amount means the amount (the cms refuses one; the topic may not).
  if bid.maxAmount and bid.maxAmount < bid.amount then bid.maxAmount = bid.amount end
  local partition, offset = tonumber(args[2]), tonumber(args[3])
  local placedAt, auctionId = tonumber(args[9]), args[10]
  local restoredOutcome, restoredReason, restoredSeq, restoredAfter = args[11] or '', args[12] or '', tonumber(args[13] or ''), args[14] or ''
  local restoredPrice, restoredAutomatic = tonumber(args[15] or ''), args[16] or ''

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
  -- already; return that decision unchanged so the ledger gets the same rows.
  local stored = redis.call('HGET', outcomesKey, bid.bidId)
  if stored then
    local previous = cjson.decode(stored)
    previous.replayed = true
    return cjson.encode(previous)
  end

  local a = read_auction(stateKey)

  -- Applied iff newer than the last bid applied to this auction: one partition holds
  -- all of an auction's bids, so (partition, offset) orders them.
  if a.lastOffset and a.lastPartition == partition and offset <= a.lastOffset then
    return cjson.encode({ bidId = bid.bidId, outcome = 'stale', reason = cjson.null, seq = a.seq })
  end

  -- Replaying the ledger: closes are not in it, but a refused bid that changed nothing and is
  -- recorded one seq past the state's came after the auction closed (only a close moves seq
  -- without a row that records the state it left). Close it here as the closer did, so later
  -- outcomes match.
  local changedNothing = restoredAfter == '' or restoredAfter == '-'
  if restoredOutcome ~= '' and restoredOutcome ~= 'accepted' and changedNothing and a.closedAs == '' and restoredSeq == a.seq + 1 then
    a.closedAs = sale_result(a)
    a.seq = a.seq + 1
    redis.call('HSET', stateKey, 'closedAs', a.closedAs, 'seq', a.seq)
    redis.call('ZREM', byEndKey, auctionId)
    redis.call('SADD', unprojectedKey, auctionId)
  end

  local before = { price = a.currentPrice, leaderId = a.leaderId, leaderMax = a.leaderMax, leaderBidId = a.leaderBidId,
    leaderUsername = a.leaderUsername or a.leaderName, hadBids = has_bids(a), reserveMet = set_reserve_met(a) }
  local endBefore = effective_end(a)
  local reason, rowPrice, automatic = nil, nil, nil
  -- changed: what others see moved (the price or the leader); stateChanged: also a maximum
  -- changed. Only the first is announced and posted to the cms, or watchers could tell when
  -- the leader changes their maximum.
  local changed, stateChanged = false, false
  if restoredOutcome ~= '' then
    -- Replaying the ledger: the decision was made and recorded once, with the state it left;
    -- apply it as recorded, even if the auction's configuration has been edited since.
    if restoredOutcome ~= 'accepted' then reason = restoredReason end
    if restoredAfter ~= '' and restoredAfter ~= '-' then
      local after = cjson.decode(restoredAfter)
      a.currentPrice, a.leaderId, a.leaderName = after.currentPrice, after.leaderId, after.leaderName
      a.leaderUsername, a.leaderMax, a.leaderBidId = after.leaderUsername, after.leaderMax, after.leaderBidId
      a.bidCount, a.softCloseUntil, a.seq = after.bidCount, after.softCloseUntil, restoredSeq
      rowPrice = restoredPrice
      stateChanged = true
      changed = after.currentPrice ~= before.price or after.leaderId ~= before.leaderId
    elseif restoredAfter == '' and restoredOutcome == 'accepted' then
      -- A row from before maximums: the bid set the price and led.
      a.currentPrice, a.leaderId, a.leaderName, a.leaderUsername = bid.amount, bid.bidderId, bid.maskedName, bid.username
      a.leaderMax, a.leaderBidId, a.bidCount, a.seq = bid.amount, bid.bidId, a.bidCount + 1, a.seq + 1
      rowPrice = bid.amount
      if a.softCloseMs > 0 and placedAt + a.softCloseMs > endBefore then a.softCloseUntil = placedAt + a.softCloseMs end
      changed, stateChanged = true, true
    end
    if stateChanged and effective_end(a) ~= endBefore and a.closedAs == '' then redis.call('ZADD', byEndKey, effective_end(a), auctionId) end
  else
    if not a.startsAt then
      reason = 'unknown_auction'
    elseif a.withdrawn then
      reason = 'auction_withdrawn'
    elseif placedAt < a.startsAt then
      reason = 'not_started'
    elseif a.closedAs ~= '' or placedAt >= endBefore then
      reason = 'auction_ended'
    elseif (bid.maxAmount or bid.amount) < minimum_next_bid(a) and not (has_bids(a) and a.leaderId == bid.bidderId) then
      -- Equal amounts: the earlier bid (lower offset) was applied first, so the later
      -- one is below the minimum and loses. The leader may change their maximum at any amount.
      reason = 'below_minimum'
    else
      -- A bid with a maximum that reaches the minimum is lifted to it: the price moved since
      -- its bidder looked, and the maximum is what they offered.
      if not (has_bids(a) and a.leaderId == bid.bidderId) then bid.amount = math.max(bid.amount, minimum_next_bid(a)) end
      reason, rowPrice, automatic = settle(a, bid)
      local leads = reason == nil and a.leaderId ~= bid.bidderId
      if reason == nil and (leads or not before.hadBids) then
        a.leaderId, a.leaderName, a.leaderUsername = bid.bidderId, bid.maskedName, bid.username
        a.leaderMax, a.leaderBidId = bid.maxAmount or bid.amount, bid.bidId
      elseif reason == nil then
        -- The leader's own bid: it names them as they are now (a hash from before maximums
        -- held only the masked name).
        a.leaderBidId, a.leaderName, a.leaderUsername = bid.bidId, bid.maskedName, bid.username
      end
      changed = a.currentPrice ~= before.price or a.leaderId ~= before.leaderId
      stateChanged = changed or a.leaderMax ~= before.leaderMax
      if stateChanged then
        -- Each bid that set a price is one more bid and one more state; a maximum changed
        -- without moving the price is one more state only.
        if automatic then a.bidCount, a.seq = a.bidCount + 1, a.seq + 1 end
        if rowPrice then a.bidCount = a.bidCount + 1 end
        a.seq = a.seq + ((rowPrice or not automatic) and 1 or 0)
        -- Only a bid that moved the price or the leader extends the end (soft close).
        if changed then extend_end(a, placedAt, endBefore, byEndKey, auctionId) end
      end
    end
  end
  -- One write of everything the decision changed.
  local hset = { 'HSET', stateKey, 'lastPartition', partition, 'lastOffset', offset }
  if stateChanged then state_fields(a, hset) end
  if changed then redis.call('SADD', unprojectedKey, auctionId) end
  if a.configured then derived_fields(a, hset) end
  redis.call(unpack(hset))

  local automaticBid = cjson.null
  if restoredAutomatic ~= '' then
    automaticBid = cjson.decode(restoredAutomatic)
  elseif automatic then
    -- Made for the leader standing before this bid, linked to the bid that set their maximum.
    automaticBid = {
      bidderId = before.leaderId,
      bidderUsername = before.leaderUsername or '',
      amount = automatic.amount,
      maxAmount = before.leaderMax,
      proxyFor = before.leaderBidId or cjson.null,
      seq = (rowPrice and a.seq - 1) or a.seq,
    }
  end
  local outcome = {
    bidId = bid.bidId,
    outcome = reason == nil and 'accepted' or 'rejected',
    reason = reason or cjson.null,
    seq = a.seq,
    changed = changed,
    price = rowPrice or cjson.null,
    maxAmount = bid.maxAmount or cjson.null,
    automatic = automaticBid,
    currentPrice = a.currentPrice or cjson.null,
    leaderId = a.leaderId or cjson.null,
    leaderName = a.leaderName or cjson.null,
    bidCount = a.bidCount,
    endsAt = effective_end(a),
    minimumNextBid = minimum_next_bid(a),
    increment = current_increment(a),
    reserveMet = reserve_met(a),
    -- This decision is the one that met the reserve: the notifier's "reserve met" is told once.
    reserveJustMet = (set_reserve_met(a) and not before.reserveMet) or false,
    previousLeaderId = (before.leaderId ~= a.leaderId and before.leaderId) or cjson.null,
    after = (stateChanged and state_after(a)) or cjson.null,
  }
  local encoded = cjson.encode(outcome)
  redis.call('HSET', outcomesKey, bid.bidId, encoded)
  return encoded
end

-- Closes an auction whose effective end is at or before endedBy, atomically and once.
-- KEYS: auction state hash, auctions-by-end sorted set, the state epoch,
--       the set of auctions the cms has not been told about yet,
--       the set of closed auctions whose `closed` event is not produced yet
-- ARGV: auctionId, endedBy (ms: the latest end the caller knows is fully processed)
-- Returns JSON: { closed = true, status, ... } or { closed = false, why }.
local function close(keys, args)
  local stateKey, byEndKey, epochKey, unprojectedKey, unannouncedKey = keys[1], keys[2], keys[3], keys[4], keys[5]
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
  redis.call('SADD', unannouncedKey, auctionId)
  return cjson.encode({
    closed = true,
    status = status,
    seq = seq,
    finalPrice = a.currentPrice or cjson.null,
    leaderId = a.leaderId or cjson.null,
    leaderName = (a.leaderName and a.leaderName ~= '') and a.leaderName or cjson.null,
    bidCount = a.bidCount,
    endsAt = effectiveEnd,
  })
end

-- Writes an auction's configuration (owned by the cms) into its state hash, atomically, with
-- what the rules make of it, and keeps the auctions-by-end index in step. Never touches the
-- worker's state fields.
-- KEYS: auction state hash, auctions-by-end sorted set
-- ARGV: auctionId, then the CONFIG_FIELDS in order (startsAt, endsAt, startingPrice, minIncrement,
--       reservePrice, softCloseMs, softCloseCapMs, increments, withdrawn, hardEndAt)
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

-- Unpublished or deleted (a withdrawal with a reason is a published auction's configuration): keep the state (for the ledger's sake), refuse new bids, leave the
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

redis.register_function('auction_decide_v4', decide)
redis.register_function('auction_close_v4', close)
redis.register_function('auction_sync_config_v4', sync_config)
redis.register_function('auction_withdraw_v4', withdraw)
redis.register_function('auction_ack_projection_v4', ack_projection)
