/** xterm colour themes matching the site's light and dark themes (same CSS custom properties). */
import type { ITheme } from "@xterm/xterm";

export type ThemeName = "light" | "dark";

const DARK: ITheme = {
  background: "#16181d", foreground: "#e6e6e6", cursor: "#e6e6e6", selectionBackground: "#3a4a66",
  black: "#1d1f24", red: "#f07178", green: "#9ccc65", yellow: "#ffcb6b", blue: "#82aaff", magenta: "#c792ea", cyan: "#89ddff", white: "#e6e6e6",
};
const LIGHT: ITheme = {
  background: "#fbfbf9", foreground: "#1f2328", cursor: "#1f2328", selectionBackground: "#cfe0ff",
  black: "#1f2328", red: "#b3261e", green: "#1a7f37", yellow: "#8a6100", blue: "#0b5cad", magenta: "#8250df", cyan: "#0a7a8a", white: "#6e7781",
};

export function terminalTheme(name: ThemeName): ITheme {
  return name === "dark" ? DARK : LIGHT;
}
