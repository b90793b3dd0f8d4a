import { notifications } from '@mantine/notifications';
import i18n from '../i18n';

/**
 * Confirms that something worked, with a labelled close button (axe: button-name).
 * @example showSuccess(t('editor.saved'))
 */
export function showSuccess(message: string): void {
  notifications.show({
    color: 'blue',
    message,
    autoClose: 4000,
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}
