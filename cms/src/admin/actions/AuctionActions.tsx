import * as React from 'react';
import { Button, Field, Flex, Modal, Textarea, Typography } from '@strapi/design-system';
import { Clock, Cross } from '@strapi/icons';
import { unstable_useDocument, useFetchClient, useNotification, useRBAC } from '@strapi/strapi/admin';
import { WITHDRAW_REASON_MAX, WITHDRAW_REASON_MIN, withdrawAuctionRequestSchema } from '@car-auction/contracts';
import { failureMessage, whyNot, type ActionableAuction } from './action-availability';

const AUCTION_UID = 'api::auction.auction';
const PERMISSIONS = [{ action: 'plugin::auction-admin.end' }, { action: 'plugin::auction-admin.withdraw' }];

interface ActionProps {
  model: string;
  documentId?: string;
  collectionType: string;
  document?: (ActionableAuction & Record<string, unknown>) | null;
}

/** The auction being edited, kept fresh after an action; and what this panel user may do. */
function useAuctionAction({ model, documentId, collectionType }: ActionProps) {
  const { post } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(PERMISSIONS);
  const isAuction = model === AUCTION_UID && Boolean(documentId);
  const published = unstable_useDocument({ model, documentId, collectionType, params: { status: 'published' } }, { skip: !isAuction });
  const run = async (path: string, body: unknown, done: string) => {
    try {
      await post(`/auction-admin/auctions/${documentId}/${path}`, body);
      toggleNotification({ type: 'success', message: done });
      published.refetch();
      return true;
    } catch (err) {
      toggleNotification({ type: 'danger', message: failureMessage(err) });
      return false;
    }
  };
  return { isAuction, allowedActions, auction: published.document as ActionableAuction | undefined, run };
}

/** "End now": bidding stops at this moment; the auction closes sold or unsold by the usual rules. */
export const EndNowAction = (props: ActionProps) => {
  const { isAuction, allowedActions, auction, run } = useAuctionAction(props);
  if (!isAuction || !allowedActions.canEnd) return null;
  const blocked = whyNot('end', auction, Date.now());
  return {
    label: 'End now',
    icon: <Clock />,
    variant: 'danger-light' as const,
    disabled: blocked !== null,
    dialog: {
      type: 'dialog' as const,
      title: 'End this auction now?',
      content: (
        <Typography>
          Bidding stops at once: bids placed before now still count. It closes as sold to the leading bidder if the reserve is met,
          otherwise unsold. This cannot be undone.
        </Typography>
      ),
      variant: 'danger' as const,
      confirmLabel: 'End now',
      onConfirm: async () => {
        await run('end', {}, 'Auction ended: it closes within seconds.');
      },
    },
  };
};
EndNowAction.type = 'auction-end-now';

function WithdrawForm({ onClose, submit }: { onClose: () => void; submit: (reason: string) => Promise<boolean> }) {
  const [reason, setReason] = React.useState('');
  const [error, setError] = React.useState<string | null>(null);
  const [busy, setBusy] = React.useState(false);
  const confirm = async () => {
    const parsed = withdrawAuctionRequestSchema.safeParse({ reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'Give a reason.');
      return;
    }
    setBusy(true);
    const ok = await submit(parsed.data.reason);
    setBusy(false);
    if (ok) onClose();
  };
  return (
    <>
      <Modal.Body>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Typography>
            Bidding stops at once and the auction ends without a result: no sale, whatever the bids. Bidders see it as withdrawn, with your
            reason. This cannot be undone.
          </Typography>
          <Field.Root name="withdrawReason" error={error ?? undefined} hint={`${WITHDRAW_REASON_MIN} to ${WITHDRAW_REASON_MAX} characters`}>
            <Field.Label>Reason bidders will see</Field.Label>
            <Textarea
              value={reason}
              maxLength={WITHDRAW_REASON_MAX}
              placeholder="The seller found a title problem and cannot sell the car."
              onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => {
                setReason(e.target.value);
                setError(null);
              }}
            />
            <Field.Hint />
            <Field.Error />
          </Field.Root>
        </Flex>
      </Modal.Body>
      <Modal.Footer>
        <Button variant="tertiary" onClick={onClose}>
          Cancel
        </Button>
        <Button variant="danger" loading={busy} onClick={confirm}>
          Withdraw auction
        </Button>
      </Modal.Footer>
    </>
  );
}

/** "Withdraw": the auction is taken off sale with a reason bidders see live; no more bids, no sale. */
export const WithdrawAction = (props: ActionProps) => {
  const { isAuction, allowedActions, auction, run } = useAuctionAction(props);
  if (!isAuction || !allowedActions.canWithdraw) return null;
  const blocked = whyNot('withdraw', auction, Date.now());
  return {
    label: 'Withdraw',
    icon: <Cross />,
    variant: 'danger-light' as const,
    disabled: blocked !== null,
    dialog: {
      type: 'modal' as const,
      title: 'Withdraw this auction',
      content: ({ onClose }: { onClose: () => void }) => (
        <WithdrawForm
          onClose={onClose}
          submit={(reason) => run('withdraw', { reason }, 'Auction withdrawn: bidders now see your reason.')}
        />
      ),
    },
  };
};
WithdrawAction.type = 'auction-withdraw';
