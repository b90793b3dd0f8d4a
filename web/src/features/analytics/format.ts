import { useTranslation } from 'react-i18next';

/** Number, money and percentage formatting in the reader's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage === 'nl' ? 'nl-NL' : 'en-GB';
  const number = (value: number, digits = 0) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
  const money = (value: number, currency: string) => {
    try {
      return new Intl.NumberFormat(locale, { style: 'currency', currency, maximumFractionDigits: value >= 100 ? 0 : 2 }).format(value);
    } catch {
      return `${currency} ${number(value, 2)}`;
    }
  };
  return { locale, number, money };
}
