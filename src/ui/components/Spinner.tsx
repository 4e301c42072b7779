import { Text } from 'ink';
import { useEffect, useState } from 'react';
import { toneProps } from '../theme/tone-props.js';
import { useTheme } from '../theme/ThemeContext.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** Each frame redraws the screen, so the spinner turns just fast enough to look alive. */
const FRAME_MS = 150;

export interface SpinnerProps {
  /** What is being fetched, e.g. `reading fixture oom-killed-jvm`. */
  readonly label: string;
}

/** An animated mark and what the UI is waiting for. */
export function Spinner({ label }: SpinnerProps) {
  const theme = useTheme();
  const [frame, setFrame] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setFrame((f) => (f + 1) % FRAMES.length), FRAME_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <Text wrap="truncate-end">
      <Text {...toneProps(theme, 'accent')}>{FRAMES[frame]}</Text> {label}
    </Text>
  );
}
