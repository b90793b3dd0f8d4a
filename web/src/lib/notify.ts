import { notifications } from '@mantine/notifications';
import i18n from '../i18n';

/** Shows an error (an ApiError's message is already in the person's language). */
export function notifyError(error: unknown): void {
  notifications.show({
    color: 'red',
    title: i18n.t('errors.title'),
    message: error instanceof Error ? error.message : i18n.t('errors.unknown'),
    autoClose: 8000,
    closeButtonProps: { 'aria-label': i18n.t('common.close') },
  });
}

/** Confirms that something worked. */
export function notifySuccess(message: string): void {
  notifications.show({ color: 'blue', message, autoClose: 4000, closeButtonProps: { 'aria-label': i18n.t('common.close') } });
}
