import type { ShareResult } from './sharing-types';

/** What happened after the share was created, for the success message. */
export type Delivery = 'text_copied' | 'text_copy_failed' | 'opened' | 'email' | 'link_copied' | 'link_copy_failed';

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission or an insecure context: the success screen shows the text instead.
    return false;
  }
}

/**
 * Hands the share to its network. LinkedIn's share URL takes no text, so the final text goes to the
 * clipboard first; `onCopied` runs before the new tab opens, so the person is told to paste it.
 */
export async function deliverShare(result: ShareResult, onCopied: (delivery: Delivery) => void): Promise<Delivery> {
  switch (result.network) {
    case 'linkedin': {
      const delivery: Delivery = (await copy(result.text)) ? 'text_copied' : 'text_copy_failed';
      onCopied(delivery);
      window.open(result.shareUrl, '_blank', 'noopener');
      return delivery;
    }
    case 'email':
      window.location.href = result.shareUrl;
      return 'email';
    case 'link':
      return (await copy(result.shortUrl)) ? 'link_copied' : 'link_copy_failed';
    default:
      window.open(result.shareUrl, '_blank', 'noopener');
      return 'opened';
  }
}
