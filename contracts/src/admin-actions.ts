import { z } from 'zod';

/** The shortest and longest reason an admin may give for withdrawing an auction (bidders see it). */
export const WITHDRAW_REASON_MIN = 3;
export const WITHDRAW_REASON_MAX = 500;

/** The panel's request to withdraw an auction: `POST /auction-admin/auctions/:documentId/withdraw`. */
export const withdrawAuctionRequestSchema = z.object({
  reason: z
    .string({ error: 'reason is required: why the auction is withdrawn, as bidders will read it' })
    .trim()
    .min(WITHDRAW_REASON_MIN, `The reason must be at least ${WITHDRAW_REASON_MIN} characters: bidders will read it`)
    .max(WITHDRAW_REASON_MAX, `The reason must be at most ${WITHDRAW_REASON_MAX} characters`),
});
export type WithdrawAuctionRequest = z.infer<typeof withdrawAuctionRequestSchema>;

/** What both actions answer: the auction as it stands after them. */
export interface AdminActionAnswer {
  data: {
    documentId: string;
    endedEarlyAt: string | null;
    withdrawnAt: string | null;
    withdrawReason: string | null;
    /** The end in force (ISO). */
    closesAt: string | null;
    /** False when Redis could not be told just now: it is, as soon as it is back (the cms re-syncs every auction). */
    synced: boolean;
  };
}
