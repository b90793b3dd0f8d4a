import { Burger, Checkbox, type CSSVariablesResolver, createTheme, Switch } from '@mantine/core';

// Shade 8 keeps white text on filled buttons and blue links on white above 4.5:1 (WCAG AA);
// Mantine's default shade 6 is about 3.6:1.
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 8 },
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  defaultRadius: 'md',
  cursorType: 'pointer',
  // Touch targets of at least 24 px (WCAG 2.2 target size).
  components: {
    Checkbox: Checkbox.extend({ defaultProps: { size: 'md' } }),
    Switch: Switch.extend({ defaultProps: { size: 'md' } }),
    Burger: Burger.extend({ defaultProps: { size: 'md' } }),
  },
});

/** Darker "dimmed", error and placeholder text than Mantine's defaults, for AA contrast. */
export const cssVariablesResolver: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': resolved.colors.gray[7],
    '--mantine-color-error': resolved.colors.red[9],
    '--mantine-color-placeholder': resolved.colors.gray[7],
  },
  dark: {},
});
