import { useEffect, useState } from 'react';

/** The layout's phone breakpoint (styles.css `@media (max-width: 760px)`). */
export const PHONE_QUERY = '(max-width: 760px)';

/** Whether a media query matches now; follows it as the window is resized or rotated. */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const on = () => setMatches(m.matches);
    on();
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, [query]);
  return matches;
}
