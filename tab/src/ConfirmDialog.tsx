import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle } from '@fluentui/react-components';
import { useReturnFocus } from './return-focus';

/**
 * Asks before an action that cannot be taken back (ending a campaign, reminding thousands of
 * people). The focus goes back to the button that asked when it closes.
 */
export function ConfirmDialog(props: { open: boolean; title: string; text: string; confirm: string; cancel: string; onConfirm: () => void; onClose: () => void }) {
  const returnFocus = useReturnFocus(props.open);
  const close = () => {
    props.onClose();
    returnFocus();
  };
  // Kept in the page and closed by `open`: a Dialog taken out while open leaves the rest of the page aria-hidden.
  return (
    <Dialog open={props.open} modalType="alert" onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{props.title}</DialogTitle>
          <DialogContent>{props.text}</DialogContent>
          <DialogActions>
            <Button
              appearance="primary"
              // Fluent's actions column is narrow: a two-word label would otherwise break over two lines.
              style={{ whiteSpace: 'nowrap' }}
              onClick={() => {
                close();
                props.onConfirm();
              }}
            >
              {props.confirm}
            </Button>
            <Button onClick={close}>{props.cancel}</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
