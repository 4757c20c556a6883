import { useRef } from 'react';

/**
 * The focus back to the control that opened a dialog. Fluent's Dialog gives it back only when
 * opened by a DialogTrigger; ours open from a table row's button, so the opener is noted while the
 * opening renders — before the Dialog's own effects move the focus into it — and `restore` returns to it.
 */
export function useReturnFocus(open: boolean): () => void {
  const opener = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(false);
  if (open && !wasOpen.current && typeof document !== 'undefined') opener.current = document.activeElement as HTMLElement | null;
  wasOpen.current = open;
  return () => opener.current?.focus();
}
