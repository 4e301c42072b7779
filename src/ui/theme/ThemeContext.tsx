import { createContext, useContext } from 'react';
import type { Theme } from './theme.js';

export const ThemeContext = createContext<Theme | null>(null);

/** The active theme; only components inside the UI's root may ask for it. */
export function useTheme(): Theme {
  const theme = useContext(ThemeContext);
  if (!theme) throw new Error('useTheme() used outside <ThemeContext.Provider>');
  return theme;
}
